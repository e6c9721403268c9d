import pg from 'pg';
import { POSTGRES_DIALECT, type SqlRow, type SqlTx, type SqlValue, type TraceDb } from './trace-db';

/** `?` placeholders → `$1, $2, …` (the SQL is written once for both backends and has no `?` in literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

/** BIGINT comes back as a string from pg: times and counts fit a double, so they are read as numbers. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

const asRows = (rows: unknown[]): SqlRow[] => rows as SqlRow[];

/** The plant-wide genealogy store on a PostgreSQL server (`--trace-db postgres://…`), through the pure-JS client. */
export class PgTraceDb implements TraceDb {
  readonly dialect = POSTGRES_DIALECT;
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // A server going away must not take the process with it: the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async run(sql: string, params: SqlValue[] = []): Promise<number> {
    return (await this.pool.query(numberPlaceholders(sql), params)).rowCount ?? 0;
  }

  async all(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    return asRows((await this.pool.query(numberPlaceholders(sql), params)).rows);
  }

  async transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlTx = {
      run: async (sql, params = []) => (await client.query(numberPlaceholders(sql), params)).rowCount ?? 0,
      all: async (sql, params = []) => asRows((await client.query(numberPlaceholders(sql), params)).rows),
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async sizeBytes(): Promise<number | undefined> {
    const rows = await this.all("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c WHERE c.relname IN ('items', 'visits', 'tests', 'parts') AND c.relkind = 'r'");
    return Number(rows[0]?.bytes ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
