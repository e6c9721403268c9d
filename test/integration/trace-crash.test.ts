import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { SqliteTraceDb } from '../../src-main/core/trace/sqlite-trace-db';
import { TraceStore } from '../../src-main/core/trace/trace-store';
import { tinyPlant } from '../support/plants';
import { builtTraceWorker } from '../support/trace-worker';

const ROOT = resolve(__dirname, '..', '..');
let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('genealogy store killed with SIGKILL', () => {
  it('reopens (its stale lock cleared) with every item up to within a second of the kill, none half-written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'linetwin-trace-crash-'));
    const file = join(dir, 'genealogy.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'trace-child.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    const offered: Array<{ n: number; at: number }> = [];
    await new Promise<void>((done) => {
      let startedAt: number | undefined;
      child.stdout.on('data', (b: Buffer) => {
        for (const line of b.toString().trim().split('\n')) {
          const [n, at] = line.split(' ').map(Number);
          offered.push({ n: n as number, at: at as number });
        }
        startedAt ??= Date.now();
        if (Date.now() - startedAt > 3000) done();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killedAt = Date.now();

    const store = await TraceStore.open({ workerFile: builtTraceWorker(), location: file, plant: tinyPlant(), clock: new ManualClock(killedAt), flushEveryMs: 60_000 });
    let visits;
    try {
      visits = (await store.queries.stationItems('A', 0, killedAt + 1000, 2000)).visits;
      // It takes writes again.
      store.offer({ kind: 'item', line: 'L1', station: 'A', ts: killedAt, item: 'AFTER', event: 'enter' });
      await store.flush();
      expect(store.health().ok).toBe(true);
      expect((await store.queries.itemCard('AFTER'))?.route).toHaveLength(1);
    } finally {
      await store.close();
    }
    const db = new SqliteTraceDb(file);
    const kept = await db.all("SELECT COUNT(*) AS n, MAX(id) AS last FROM items WHERE id LIKE 'K%'");
    await db.close();
    const count = Number(kept[0]?.n);
    const last = Number(String(kept[0]?.last).slice(1));
    // Whole items only, and every one before the last kept: a committed prefix.
    expect(count).toBe(last + 1);
    expect(visits.every((v) => v.outcome === 'leave')).toBe(true);
    // Lost at most the last second before the kill.
    const lostFrom = offered.find((o) => o.n > last);
    if (lostFrom) expect(lostFrom.at).toBeGreaterThanOrEqual(killedAt - 1500);
    expect(count).toBeGreaterThan(1000);
  }, 60_000);
});
