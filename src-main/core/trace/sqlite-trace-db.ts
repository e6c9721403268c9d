import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database, type Statement } from 'node-sqlite3-wasm';
import { SQLITE_DIALECT, type SqlRow, type SqlTx, type SqlValue, type TraceDb } from './trace-db';

const MAX_CACHED_STATEMENTS = 64;

/**
 * node-sqlite3-wasm locks a database with a `<file>.lock` directory, which a killed process
 * leaves behind (every later write would be SQLITE_BUSY). Each opener writes its pid beside
 * the file; a lock whose owner is gone is removed, a live owner's is left alone.
 */
function clearStaleLock(file: string): void {
  const owner = `${file}.owner`;
  let pid: number | undefined;
  try {
    pid = Number(readFileSync(owner, 'utf8'));
  } catch {
    pid = undefined;
  }
  if (pid !== undefined && Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) throw new Error(`genealogy store ${file} is open in process ${pid}`);
  rmSync(`${file}.lock`, { recursive: true, force: true });
  writeFileSync(owner, String(process.pid));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded genealogy store: SQLite compiled to WebAssembly (node-sqlite3-wasm), so the
 * Electron main process and the Node host load the same file without a native build. Its file
 * system layer has no shared memory, so WAL is not available: a rollback journal (TRUNCATE)
 * with full sync makes each committed batch durable.
 */
export class SqliteTraceDb implements TraceDb {
  readonly dialect = SQLITE_DIALECT;
  private readonly db: Database;
  /** Prepared once per SQL text: parsing each statement again cost more than running it. */
  private readonly statements = new Map<string, Statement>();
  /** The wasm module is synchronous: transactions are made to run one after another. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    clearStaleLock(file);
    this.db = new Database(file);
    this.db.exec('PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -16000');
  }

  exec(sql: string): Promise<void> {
    this.db.exec(sql);
    return Promise.resolve();
  }

  /** Runs `use` on the SQL's prepared statement; past the cache's bound (texts built per call) one is made for the call. */
  private withStatement<T>(sql: string, use: (st: Statement) => T): T {
    const cached = this.statements.get(sql);
    if (cached) return use(cached);
    const st = this.db.prepare(sql);
    if (this.statements.size < MAX_CACHED_STATEMENTS) {
      this.statements.set(sql, st);
      return use(st);
    }
    try {
      return use(st);
    } finally {
      st.finalize();
    }
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return Promise.resolve(this.withStatement(sql, (st) => st.run(params).changes));
  }

  all(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    return Promise.resolve(this.withStatement(sql, (st) => st.all(params) as SqlRow[]));
  }

  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const next = this.tail.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  sizeBytes(): Promise<number | undefined> {
    try {
      return Promise.resolve(statSync(this.file).size);
    } catch {
      return Promise.resolve(undefined);
    }
  }

  async close(): Promise<void> {
    await this.tail;
    for (const st of this.statements.values()) st.finalize();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
    rmSync(`${this.file}.owner`, { force: true });
  }
}
