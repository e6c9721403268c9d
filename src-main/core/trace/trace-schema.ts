import type { SqlDialect, TraceDb } from './trace-db';

/**
 * Versioned migrations, shared by both backends: each runs once, in order, in a transaction,
 * and `trace_meta.schema_version` says how far a database is.
 */
export function migrations(d: SqlDialect): string[][] {
  const id = d.idType;
  const time = d.timeType;
  return [
    [
      `CREATE TABLE items (
        id ${id} PRIMARY KEY,
        kind TEXT,
        line TEXT,
        made_at TEXT,
        made_ts ${time},
        first_ts ${time} NOT NULL,
        last_ts ${time} NOT NULL,
        verdict TEXT,
        verdict_rank INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        verdict_station TEXT,
        verdict_ts ${time},
        location TEXT,
        lost INTEGER NOT NULL DEFAULT 0,
        routed INTEGER NOT NULL DEFAULT 0
      )`,
      'CREATE INDEX items_last_ts ON items (last_ts)',
      'CREATE INDEX items_verdict ON items (verdict_ts) WHERE verdict IS NOT NULL',
      `CREATE TABLE visits (
        item ${id} NOT NULL,
        station TEXT NOT NULL,
        enter_ts ${time} NOT NULL,
        leave_ts ${time},
        outcome TEXT,
        flags TEXT,
        metrics TEXT,
        PRIMARY KEY (item, station, enter_ts)
      )`,
      'CREATE INDEX visits_station ON visits (station, enter_ts)',
      'CREATE INDEX visits_open ON visits (enter_ts) WHERE outcome IS NULL',
      'CREATE INDEX visits_flagged ON visits (item, station) WHERE flags IS NOT NULL',
      `CREATE TABLE tests (
        item ${id} NOT NULL,
        station TEXT NOT NULL,
        ts ${time} NOT NULL,
        verdict TEXT NOT NULL,
        reason TEXT,
        vals TEXT,
        PRIMARY KEY (item, station, ts)
      )`,
      'CREATE INDEX tests_ts ON tests (ts)',
      `CREATE TABLE parts (
        item ${id} NOT NULL,
        part ${id} NOT NULL,
        station TEXT,
        ts ${time} NOT NULL,
        flags TEXT,
        PRIMARY KEY (item, part)
      )`,
      'CREATE INDEX parts_part ON parts (part)',
    ],
  ];
}

export const SCHEMA_VERSION = 1;

/** Brings the database to the current schema; a database newer than this code is refused. */
export async function migrate(db: TraceDb): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS trace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const steps = migrations(db.dialect);
  await db.transaction(async (tx) => {
    const row = (await tx.all("SELECT value FROM trace_meta WHERE key = 'schema_version'"))[0];
    const at = row ? Number(row.value) : 0;
    if (at > steps.length) throw new Error(`genealogy store has schema ${at}, this version reads up to ${steps.length}`);
    for (let v = at; v < steps.length; v += 1) for (const sql of steps[v] as string[]) await tx.run(sql);
    if (at === 0) await tx.run("INSERT INTO trace_meta (key, value) VALUES ('schema_version', ?)", [String(steps.length)]);
    else if (at < steps.length) await tx.run("UPDATE trace_meta SET value = ? WHERE key = 'schema_version'", [String(steps.length)]);
  });
}
