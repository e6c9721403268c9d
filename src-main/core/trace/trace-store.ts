import type { TelemetryEvent } from '../../shared/telemetry';
import type { TraceHealth } from '../../shared/trace';
import { PgTraceDb } from './pg-trace-db';
import { SqliteTraceDb } from './sqlite-trace-db';
import type { TraceDb } from './trace-db';
import { TraceQueries } from './trace-queries';
import { TraceRecorder, type TraceRecorderOptions } from './trace-recorder';
import { migrate } from './trace-schema';

export interface TraceStoreOptions extends Omit<TraceRecorderOptions, 'db'> {
  /** The embedded store's file (`<data-dir>/<plant>/trace/genealogy.sqlite`), or a `postgres://` URL. */
  location: string;
  /** Flush period, ms (at most 1000: the most a crash may lose). */
  flushEveryMs?: number;
}

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** Opens the backend a location names: a PostgreSQL URL, else an SQLite file path. */
export function openTraceDb(location: string): TraceDb {
  return isPostgresUrl(location) ? new PgTraceDb(location) : new SqliteTraceDb(location);
}

/** Genealogy and quality records of one plant: written from the pipeline, read by queries. */
export class TraceStore {
  readonly queries: TraceQueries;

  private constructor(
    readonly db: TraceDb,
    readonly recorder: TraceRecorder,
  ) {
    this.queries = new TraceQueries(db);
  }

  static async open(opts: TraceStoreOptions): Promise<TraceStore> {
    const db = openTraceDb(opts.location);
    try {
      await migrate(db);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    const recorder = new TraceRecorder({ ...opts, db });
    recorder.start(opts.flushEveryMs);
    return new TraceStore(db, recorder);
  }

  offer(e: TelemetryEvent): void {
    this.recorder.offer(e);
  }

  health(): TraceHealth {
    return this.recorder.health();
  }

  async close(): Promise<void> {
    await this.recorder.close();
    await this.db.close();
  }
}
