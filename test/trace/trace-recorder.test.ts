import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { SqliteTraceDb } from '../../src-main/core/trace/sqlite-trace-db';
import type { SqlTx, TraceDb } from '../../src-main/core/trace/trace-db';
import { TraceRecorder } from '../../src-main/core/trace/trace-recorder';
import { migrate } from '../../src-main/core/trace/trace-schema';
import { tinyPlant } from '../support/plants';

const T0 = Date.parse('2026-03-02T08:00:00Z');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TraceRecorder (the writer thread’s side)', () => {
  it('answers a flush asked during a running one only once what came meanwhile is written too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'linetwin-trace-recorder-'));
    const db = new SqliteTraceDb(join(dir, 'genealogy.sqlite'));
    await migrate(db);
    // The first flush's transaction waits until the second flush has been asked for (a slow server, a big batch).
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const slow: TraceDb = Object.assign(Object.create(db) as TraceDb, { transaction: async <T>(work: (tx: SqlTx) => Promise<T>): Promise<T> => (await gate, db.transaction(work)) });
    const recorder = new TraceRecorder({ db: slow, plant: tinyPlant(), clock: new ManualClock(T0) });
    recorder.take([{ kind: 'item', line: 'L1', station: 'A', ts: T0, item: 'FIRST', event: 'enter' }]);
    const first = recorder.flush();
    await new Promise((r) => setImmediate(r));
    recorder.take([{ kind: 'item', line: 'L1', station: 'A', ts: T0 + 1, item: 'SECOND', event: 'enter' }]);
    const second = recorder.flush();
    open();
    await second;
    await first;
    expect((await db.all('SELECT id FROM items ORDER BY id')).map((r) => r.id)).toEqual(['FIRST', 'SECOND']);
    expect(recorder.health().written).toBe(2);
    await recorder.close();
    await db.close();
  });
});
