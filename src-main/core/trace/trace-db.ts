/** SQL value types both backends bind and return. */
export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/** What differs between the embedded store and PostgreSQL, and nothing else: the SQL is written once. */
export interface SqlDialect {
  name: 'sqlite' | 'postgres';
  /** The id column type: PostgreSQL needs the C collation for a prefix range to follow byte order. */
  idType: string;
  /** Event times: ms since the epoch as sent, fractions included (a simulator's, an edge buffer's). */
  timeType: string;
  greatest: string;
  least: string;
}

export const SQLITE_DIALECT: SqlDialect = { name: 'sqlite', idType: 'TEXT', timeType: 'BIGINT', greatest: 'max', least: 'min' };
export const POSTGRES_DIALECT: SqlDialect = { name: 'postgres', idType: 'TEXT COLLATE "C"', timeType: 'DOUBLE PRECISION', greatest: 'GREATEST', least: 'LEAST' };

/** The statements of one transaction: run in order, all or nothing. */
export interface SqlTx {
  run(sql: string, params?: SqlValue[]): Promise<number>;
  all(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
}

/**
 * A genealogy database: the embedded SQLite file or a PostgreSQL server. SQL uses `?`
 * placeholders; the PostgreSQL backend numbers them.
 */
export interface TraceDb extends SqlTx {
  readonly dialect: SqlDialect;
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** Bytes on disk, where the backend can tell. */
  sizeBytes(): Promise<number | undefined>;
  close(): Promise<void>;
}
