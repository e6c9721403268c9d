import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { PgTraceDb } from '../../src-main/core/trace/pg-trace-db';
import { migrate, SCHEMA_VERSION } from '../../src-main/core/trace/trace-schema';
import { TraceStore } from '../../src-main/core/trace/trace-store';
import { postgresUnavailable, startPostgres, type PostgresServer } from '../support/postgres-server';
import { plant } from '../sim/sim-helpers';
import { tinyPlant } from '../support/plants';
import { expectTruth, tracedRun } from '../trace/trace-pipeline';
import { builtTraceWorker } from '../support/trace-worker';

const unavailable = postgresUnavailable();
const T0 = Date.parse('2026-03-02T08:00:00Z');

describe.skipIf(unavailable !== undefined)(`genealogy store on a real PostgreSQL server${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('migrates once, to the versioned schema, and again is a no-op', async () => {
    const db = new PgTraceDb(server.url);
    try {
      await migrate(db);
      await migrate(db);
      expect(await db.all("SELECT value FROM trace_meta WHERE key = 'schema_version'")).toEqual([{ value: String(SCHEMA_VERSION) }]);
    } finally {
      await db.close();
    }
  });

  it('holds the same genealogy as the simulator’s ground truth, through the same queries', async () => {
    const run = await tracedRun(await plant('tire-plant'), { format: 'uns', hours: 2, metricsPeriodMs: 60_000, location: server.url });
    try {
      const { items } = await expectTruth(run);
      expect(items).toBeGreaterThan(20);
      expect(run.store.health()).toMatchObject({ backend: 'postgres', ok: true, dropped: 0, flagged: {} });
      expect(await run.store.queries.search('E28011')).toHaveLength(20);
    } finally {
      await run.store.close();
    }
  }, 300_000);

  it('treats bad input and retention as the embedded store does', async () => {
    // A database of its own: the run above left its plant's open visits in the first one.
    const admin = new PgTraceDb(server.url);
    await admin.exec('CREATE DATABASE bad_input');
    await admin.close();
    const clock = new ManualClock(T0);
    const store = await TraceStore.open({ workerFile: builtTraceWorker(), location: server.url.replace(/\/postgres$/, '/bad_input'), plant: tinyPlant(), clock, flushEveryMs: 60_000, lostAfterMs: 1000 });
    try {
      const ev = { kind: 'item' as const, line: 'L1', station: 'A' };
      store.offer({ ...ev, item: 'PG1', event: 'enter', ts: T0 });
      store.offer({ ...ev, item: 'PG1', event: 'enter', ts: T0 });
      store.offer({ ...ev, item: 'PG2', event: 'consume', ts: T0, parts: ['LOT-X'] });
      await store.flush();
      clock.set(T0 + 2000);
      await store.flush();
      expect((await store.queries.itemCard('PG1'))?.item.lost).toBe(true);
      expect((await store.queries.itemCard('PG2'))?.parts[0]?.flags).toEqual(['consumed-before-produced']);
      expect(store.health().flagged).toMatchObject({ duplicate: 1, lost: 1, 'consumed-before-produced': 1 });
      clock.set(T0 + 91 * 86_400_000);
      await store.retainNow();
      expect(await store.queries.itemCard('PG1')).toBeUndefined();
      expect(store.health().removedByRetention).toBeGreaterThanOrEqual(3);
    } finally {
      await store.close();
    }
  });
});
