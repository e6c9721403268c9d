import { Worker } from 'node:worker_threads';
import type { PlantFile } from '../../shared/plant-schema';
import type { TelemetryEvent } from '../../shared/telemetry';
import type { TraceHealth } from '../../shared/trace';
import type { Clock } from '../clock';
import { TraceBatcher } from './trace-batch';
import { DEFAULT_MAX_OPEN_VISITS, type TraceRecorderOptions } from './trace-recorder';
import { TRACE_QUERY_NAMES, type TraceQueryApi, type TraceWorkerInit, type TraceWorkerReply, type TraceWorkerRequest } from './trace-worker-protocol';

/** The writer's limits are the recorder's (it runs there); the store adds where and how often. */
export interface TraceStoreOptions extends Pick<TraceRecorderOptions, 'lostAfterMs' | 'retentionMs' | 'maxOpenVisits'> {
  /** The embedded store's file (`<data-dir>/<plant>/trace/genealogy.sqlite`), or a `postgres://` URL. */
  location: string;
  plant: PlantFile;
  clock: Clock;
  /** The built writer script (`out/main/trace-worker.js`). */
  workerFile: string;
  /** The writer's flush period, ms; with the batching below it, at most a second (the most a crash may lose). */
  flushEveryMs?: number;
  /** Events batched or on their way to the writer; past this they are dropped and counted. */
  maxQueue?: number;
}

/** Deep enough for the demo's prefill (a shift of history in one burst) while the writer catches up. */
const DEFAULT_MAX_QUEUE = 200_000;
/** A batch goes to the writer this often, or sooner when it holds BATCH_EVENTS entries. */
const POST_EVERY_MS = 50;
const BATCH_EVENTS = 4096;
/** The engine's time reaches the writer at least this often, batch or not (lost visits, retention). */
const CLOCK_EVERY_MS = 1000;
const DEFAULT_FLUSH_MS = 500;

interface Waiting {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * Genealogy and quality records of one plant. The database (its writes and its queries) runs on
 * a worker thread; the pipeline thread only batches engine events and posts a batch every
 * POST_EVERY_MS, so ingest is not held up by SQLite. Events batched or in flight are bounded,
 * drops counted; health is the writer's as of its last flush, with this side's queue and drops.
 */
export class TraceStore {
  readonly queries: TraceQueryApi;
  private readonly batcher: TraceBatcher;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private posted = 0;
  private dropped = 0;
  private writer: TraceHealth;
  private workerError: string | undefined;
  private postedNowAt = -Infinity;
  private closed: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly room = (): boolean => {
    if (this.batcher.size + this.inFlight() < this.maxQueue) return true;
    this.dropped += 1;
    return false;
  };

  private constructor(
    private readonly worker: Worker,
    private readonly clock: Clock,
    private readonly maxQueue: number,
    opened: Extract<TraceWorkerReply, { type: 'opened' }>,
    maxOpenVisits: number,
  ) {
    this.writer = opened.health;
    this.batcher = new TraceBatcher(maxOpenVisits, opened.open);
    this.queries = Object.fromEntries(TRACE_QUERY_NAMES.map((name) => [name, (...args: unknown[]) => this.request({ type: 'query', id: 0, name, args })])) as unknown as TraceQueryApi;
    worker.on('message', (m: TraceWorkerReply) => this.onReply(m));
    worker.on('error', (err) => this.fail(err.message));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(`the genealogy writer stopped (exit code ${code})`);
    });
    this.timer = setInterval(() => this.post(), POST_EVERY_MS);
    this.timer.unref();
  }

  /** Starts the writer thread and opens (and migrates) the store there; rejects if it cannot. */
  static open(opts: TraceStoreOptions): Promise<TraceStore> {
    const maxQueue = opts.maxQueue ?? DEFAULT_MAX_QUEUE;
    const init: TraceWorkerInit = {
      location: opts.location,
      plant: opts.plant,
      now: opts.clock.now(),
      flushEveryMs: Math.min(opts.flushEveryMs ?? DEFAULT_FLUSH_MS, 1000 - POST_EVERY_MS),
      maxQueue,
      ...(opts.lostAfterMs === undefined ? {} : { lostAfterMs: opts.lostAfterMs }),
      ...(opts.retentionMs === undefined ? {} : { retentionMs: opts.retentionMs }),
      ...(opts.maxOpenVisits === undefined ? {} : { maxOpenVisits: opts.maxOpenVisits }),
    };
    const worker = new Worker(opts.workerFile, { workerData: init });
    return new Promise((resolve, reject) => {
      const failed = (err: Error): void => {
        worker.off('message', first);
        void worker.terminate();
        reject(err);
      };
      const first = (m: TraceWorkerReply): void => {
        worker.off('error', failed);
        worker.off('message', first);
        if (m.type === 'opened') resolve(new TraceStore(worker, opts.clock, maxQueue, m, opts.maxOpenVisits ?? DEFAULT_MAX_OPEN_VISITS));
        else failed(new Error(m.type === 'open-failed' ? m.error : `genealogy writer: unexpected ${m.type}`));
      };
      worker.on('message', first);
      worker.once('error', failed);
    });
  }

  /** An engine event. Never blocks, never throws: batched here, written on the writer thread. */
  offer(e: TelemetryEvent): void {
    if (this.closed) return;
    if (this.workerError) {
      if (e.kind === 'item') this.dropped += 1;
      return;
    }
    this.batcher.add(e, this.room);
    if (this.batcher.size >= BATCH_EVENTS) this.post();
  }

  health(): TraceHealth {
    const error = this.workerError ?? this.writer.error;
    return {
      ...this.writer,
      ok: error === undefined,
      ...(error === undefined ? {} : { error }),
      queued: this.batcher.size + this.inFlight(),
      dropped: this.dropped + this.writer.dropped,
    };
  }

  /** Everything offered so far written (tests, benches, shutdown). */
  async flush(): Promise<void> {
    this.post();
    await this.request({ type: 'flush', id: 0, now: this.clock.now() });
  }

  /** Runs retention now, after a flush (tests, and hosts that want it at start). */
  async retainNow(): Promise<void> {
    this.post();
    await this.request({ type: 'retain', id: 0, now: this.clock.now() });
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      clearInterval(this.timer);
      this.post(true);
      try {
        if (!this.workerError) await this.request({ type: 'close', id: 0, now: this.clock.now() }, true);
      } finally {
        await this.worker.terminate();
      }
    })();
    return this.closed;
  }

  /** Events posted and not yet written or dropped by the writer (as of its last report). */
  private inFlight(): number {
    return this.posted - (this.writer.written + this.writer.dropped);
  }

  private post(closing = false): void {
    if ((this.closed && !closing) || this.workerError) return;
    const now = this.clock.now();
    if (this.batcher.size === 0 && now - this.postedNowAt < CLOCK_EVERY_MS) return;
    const events = this.batcher.take();
    this.posted += events.length;
    this.postedNowAt = now;
    this.send({ type: 'batch', now, events });
  }

  private send(m: TraceWorkerRequest): void {
    this.worker.postMessage(m);
  }

  private request(m: Exclude<TraceWorkerRequest, { type: 'batch' }>, closing = false): Promise<unknown> {
    if ((this.closed && !closing) || this.workerError) return Promise.reject(new Error(this.workerError ?? 'the genealogy store is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ ...m, id });
    });
  }

  private onReply(m: TraceWorkerReply): void {
    if (m.type === 'health' || m.type === 'done') this.writer = m.health;
    if (m.type !== 'done' && m.type !== 'failed') return;
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (m.type === 'done') w?.resolve(m.value);
    else w?.reject(new Error(m.error));
  }

  /** The writer thread died: what was in flight is lost and counted, later events are dropped. */
  private fail(error: string): void {
    if (this.workerError) return;
    this.workerError = error;
    this.dropped += this.batcher.take().length + this.inFlight();
    this.posted = this.writer.written + this.writer.dropped;
    for (const w of this.waiting.values()) w.reject(new Error(error));
    this.waiting.clear();
  }
}
