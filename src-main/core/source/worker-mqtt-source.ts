import { Worker } from 'node:worker_threads';
import type { ConnectionProfile } from '../../shared/connection-profile';
import type { Clock } from '../clock';
import type { RawMessage } from '../raw-message';
import { backoffDelay } from './backoff';
import { IngestBacklog, type BacklogLimits } from './ingest-backlog';
import { readBatch } from './ingest-batch';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from './ingest-worker-protocol';
import type { LiveSourceStatus } from './live-mqtt-source';

const STOP_TIMEOUT_MS = 5000;

export interface WorkerSourceHandlers {
  message(msg: RawMessage): void;
  status(status: LiveSourceStatus): void;
  /** Messages the worker dropped because the engine was too far behind. */
  dropped(count: number): void;
}

/**
 * A live broker subscription run by the ingest worker (`mqtt-ingest-worker`), seen from the
 * engine's thread. Messages are stamped with the engine's clock as each batch arrives. A
 * worker that dies is restarted after a backoff, the connection shown as reconnecting meanwhile.
 */
export class WorkerMqttSource {
  private worker: Worker | undefined;
  private processed = IngestBacklog.sharedCounter();
  private status: LiveSourceStatus;
  private stopped = true;
  private failures = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workerFile: string,
    private readonly profile: ConnectionProfile,
    private readonly topics: string[],
    private readonly clock: Clock,
    private readonly handlers: WorkerSourceHandlers,
    private readonly limits?: BacklogLimits,
  ) {
    this.status = { connection: 'idle', url: profile.urls[0] ?? '' };
  }

  start(): void {
    this.stopped = false;
    this.spawn();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      this.post(worker, { type: 'stop' });
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    this.setStatus({ connection: 'offline', url: this.status.url });
  }

  /** Publishes one message (a Sparkplug rebirth request); false when not connected, nothing queued. */
  publish(topic: string, payload: Uint8Array): boolean {
    if (!this.worker || this.status.connection !== 'connected') return false;
    this.post(this.worker, { type: 'publish', topic, payload });
    return true;
  }

  private spawn(): void {
    this.processed = IngestBacklog.sharedCounter();
    const processed = this.processed;
    const data: IngestWorkerData = { profile: this.profile, topics: this.topics, processed, limits: this.limits };
    const worker = new Worker(this.workerFile, { workerData: data });
    this.worker = worker;
    worker.on('message', (msg: FromIngestWorker) => {
      if (this.worker !== worker) return;
      if (msg.type === 'status') {
        if (msg.status.connection === 'connected') this.failures = 0;
        this.setStatus(msg.status);
        return;
      }
      if (msg.dropped > 0) this.handlers.dropped(msg.dropped);
      const receivedAt = this.clock.now();
      readBatch(msg.batch, (topic, payload, retain, qos) => this.handlers.message({ topic, payload, receivedAt, retain, qos }));
      IngestBacklog.markProcessed(processed);
    });
    worker.on('error', (err) => this.workerFailed(worker, err.message));
    worker.on('exit', (code) => this.workerFailed(worker, `exited with code ${code}`));
  }

  private workerFailed(worker: Worker, reason: string): void {
    if (this.worker !== worker || this.stopped) return;
    this.worker = undefined;
    void worker.terminate();
    this.failures += 1;
    this.setStatus({ connection: 'reconnecting', url: this.status.url, lastError: `ingest worker ${reason}` });
    this.restartTimer = setTimeout(() => this.spawn(), backoffDelay(this.failures - 1));
  }

  private post(worker: Worker, msg: ToIngestWorker): void {
    worker.postMessage(msg);
  }

  private setStatus(s: LiveSourceStatus): void {
    this.status = s;
    this.handlers.status(s);
  }
}
