import { PgTraceDb } from './pg-trace-db';
import { SqliteTraceDb } from './sqlite-trace-db';
import type { TraceDb } from './trace-db';

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** Opens the backend a location names: a PostgreSQL URL, else an SQLite file path. */
export function openTraceDb(location: string): TraceDb {
  return isPostgresUrl(location) ? new PgTraceDb(location) : new SqliteTraceDb(location);
}
