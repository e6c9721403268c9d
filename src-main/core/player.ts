import type { ConnectionProfile } from '../shared/connection-profile';
import type { Clock } from './clock';
import type { Engine } from './engine';
import type { RecorderTap } from './record/flight-recorder';
import { WorkerMqttSource } from './source/worker-mqtt-source';

/** Where the engine's messages come from; live and recorded data share the rest of the pipeline. */
export interface Player {
  readonly kind: 'live' | 'replay' | 'demo';
  readonly clock: Clock;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Live data from a broker, on the wall clock; `ingestWorker` is the built `mqtt-ingest-worker.js`.
 * With a `tap` (the flight recorder), every message and status change is recorded as the engine gets it.
 */
export class LivePlayer implements Player {
  private readonly source: WorkerMqttSource;

  constructor(
    engine: Engine,
    profile: ConnectionProfile,
    ingestWorker: string,
    readonly kind: 'live' | 'demo' = 'live',
    tap?: RecorderTap,
  ) {
    this.clock = engine.clock;
    this.source = new WorkerMqttSource(ingestWorker, profile, engine.subscriptions, engine.clock, {
      message: (msg) => {
        tap?.message(msg);
        // A fault downstream must not take the broker connection down with it.
        try {
          engine.ingest(msg);
        } catch {
          engine.counters.dropped.add('ingest-failed');
        }
      },
      dropped: (count) => engine.counters.dropped.add('ingest-backlog', count),
      status: (s) => {
        const info = { kind: this.kind, connected: s.connection === 'connected', connection: s.connection, url: s.url, ...(s.lastError !== undefined ? { lastError: s.lastError } : {}) };
        tap?.status(info, engine.clock.now());
        engine.setSource(info);
      },
    });
  }

  readonly clock: Clock;

  async start(): Promise<void> {
    this.source.start();
  }

  async stop(): Promise<void> {
    await this.source.stop();
  }

  publish(topic: string, payload: Uint8Array): boolean {
    return this.source.publish(topic, payload);
  }
}
