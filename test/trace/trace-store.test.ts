import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import type { ItemEvent } from '../../src-main/core/decode/item-event';
import { TraceStore } from '../../src-main/core/trace/trace-store';
import { tinyPlant } from '../support/plants';
import { builtTraceWorker } from '../support/trace-worker';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const DAY = 86_400_000;
const dirs: string[] = [];
const stores: TraceStore[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function openStore(opts: { dir?: string; lostAfterMs?: number; retentionMs?: number; clock?: ManualClock; maxQueue?: number } = {}): Promise<{ store: TraceStore; clock: ManualClock; dir: string }> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'linetwin-trace-store-'));
  if (!opts.dir) dirs.push(dir);
  const clock = opts.clock ?? new ManualClock(T0);
  const store = await TraceStore.open({ workerFile: builtTraceWorker(), location: join(dir, 'genealogy.sqlite'), plant: tinyPlant(), clock, flushEveryMs: 60_000, ...opts });
  stores.push(store);
  return { store, clock, dir };
}

const ev = (e: Partial<ItemEvent> & Pick<ItemEvent, 'item' | 'event' | 'ts'>): ItemEvent => ({ kind: 'item', line: 'L1', station: 'A', ...e });

describe('genealogy store: bad input is counted and shown, never thrown', () => {
  it('keeps duplicates idempotent', async () => {
    const { store } = await openStore();
    for (let k = 0; k < 2; k += 1) {
      store.offer(ev({ item: 'T1', event: 'enter', ts: T0 }));
      store.offer(ev({ item: 'T1', event: 'leave', ts: T0 + 5000 }));
      store.offer(ev({ item: 'T1', event: 'test', ts: T0 + 4000, verdict: 'pass', values: { rfv: 50 } }));
    }
    await store.flush();
    const card = await store.queries.itemCard('T1');
    expect(card?.route).toHaveLength(1);
    expect(card?.tests).toHaveLength(1);
    expect(store.health().flagged.duplicate).toBe(3);
  });

  it('counts events for unknown stations without storing them', async () => {
    const { store } = await openStore();
    store.offer(ev({ item: 'T2', event: 'enter', ts: T0, station: 'NOPE' }));
    await store.flush();
    expect(await store.queries.itemCard('T2')).toBeUndefined();
    expect(store.health().flagged['unknown-station']).toBe(1);
  });

  it('closes a visit whose leave came before its enter, across flushes', async () => {
    const { store } = await openStore();
    store.offer(ev({ item: 'T3', event: 'leave', ts: T0 + 9000 }));
    await store.flush();
    expect((await store.queries.itemCard('T3'))?.route[0]?.flags).toEqual(['no-enter']);
    store.offer(ev({ item: 'T3', event: 'enter', ts: T0 + 1000 }));
    await store.flush();
    const route = (await store.queries.itemCard('T3'))?.route;
    expect(route).toEqual([expect.objectContaining({ station: 'A', enter: T0 + 1000, leave: T0 + 9000, outcome: 'leave', flags: [] })]);
    expect(store.health().flagged['leave-without-enter']).toBe(1);
    expect(store.health().flagged['out-of-order']).toBe(1);
  });

  it('completes a visit whose leave came before a restart with the enter that comes after it', async () => {
    const { store, dir, clock } = await openStore();
    store.offer(ev({ item: 'T7', event: 'leave', ts: T0 + 9000 }));
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const again = (await openStore({ dir, clock })).store;
    again.offer(ev({ item: 'T7', event: 'enter', ts: T0 + 1000 }));
    await again.flush();
    expect((await again.queries.itemCard('T7'))?.route).toEqual([expect.objectContaining({ enter: T0 + 1000, leave: T0 + 9000, outcome: 'leave', flags: [] })]);
  });

  it('orders events within a flush by their own time', async () => {
    const { store } = await openStore();
    store.offer(ev({ item: 'T4', event: 'leave', ts: T0 + 2000 }));
    store.offer(ev({ item: 'T4', event: 'enter', ts: T0 + 1000 }));
    await store.flush();
    expect((await store.queries.itemCard('T4'))?.route).toEqual([expect.objectContaining({ enter: T0 + 1000, leave: T0 + 2000, flags: [] })]);
    expect(store.health().flagged).toEqual({});
  });

  it('flags an item that entered and never left as lost after the limit, without inventing its route', async () => {
    const { store, clock } = await openStore({ lostAfterMs: 3_600_000 });
    store.offer(ev({ item: 'T5', event: 'enter', ts: T0 }));
    await store.flush();
    clock.set(T0 + 3_600_000 + 1);
    await store.flush();
    const card = await store.queries.itemCard('T5');
    expect(card?.item.lost).toBe(true);
    expect(card?.route).toEqual([expect.objectContaining({ station: 'A', enter: T0, leave: null, outcome: 'lost' })]);
    expect(store.health().flagged.lost).toBe(1);
    expect(store.health().openVisits).toBe(0);
  });

  it('keeps a lot consumed before it is produced, flagged, and an unknown lot too', async () => {
    const { store } = await openStore();
    store.offer(ev({ item: 'T6', event: 'consume', ts: T0, parts: ['LOT-LATE', 'LOT-NEVER'] }));
    store.offer(ev({ item: 'LOT-LATE', event: 'produce', ts: T0 + 1000, productKind: 'tread' }));
    await store.flush();
    const card = await store.queries.itemCard('T6');
    expect(card?.parts.map((p) => [p.id, p.flags])).toEqual([
      ['LOT-LATE', ['consumed-before-produced']],
      ['LOT-NEVER', ['consumed-before-produced']],
    ]);
    expect((await store.queries.lotView('LOT-LATE'))?.lot.kind).toBe('tread');
    expect((await store.queries.lotView('LOT-NEVER'))?.items.map((i) => i.id)).toEqual(['T6']);
    expect(store.health().flagged['consumed-before-produced']).toBe(2);
  });

  it('drops past a full queue and counts it', async () => {
    const { store } = await openStore({ maxQueue: 3 });
    for (let i = 0; i < 5; i += 1) store.offer(ev({ item: `Q${i}`, event: 'enter', ts: T0 + i }));
    expect(store.health().dropped).toBe(2);
    await store.flush();
    expect(store.health().written).toBe(3);
  });
});

describe('genealogy store: visits, verdicts, queries', () => {
  it('summarises the station’s metrics during each stay, and only during it', async () => {
    const { store } = await openStore();
    store.offer({ kind: 'metrics', station: 'A', ts: T0 - 1000, values: { tempC: 999 } });
    store.offer(ev({ item: 'V1', event: 'enter', ts: T0 }));
    store.offer({ kind: 'metrics', station: 'A', ts: T0 + 1000, values: { tempC: 170 } });
    store.offer({ kind: 'metrics', station: 'A', ts: T0 + 2000, values: { tempC: 176 } });
    store.offer({ kind: 'metrics', station: 'B', ts: T0 + 2500, values: { tempC: 5 } });
    store.offer(ev({ item: 'V1', event: 'leave', ts: T0 + 3000 }));
    store.offer({ kind: 'metrics', station: 'A', ts: T0 + 4000, values: { tempC: 1 } });
    await store.flush();
    const visit = (await store.queries.itemCard('V1'))?.route[0];
    expect(visit?.metrics).toEqual({ tempC: { min: 170, mean: 173, max: 176, n: 2 } });
  });

  it('answers prefix search, station ranges and verdict queries', async () => {
    const { store } = await openStore();
    for (let i = 0; i < 30; i += 1) {
      const id = `E2801${String(i).padStart(3, '0')}`;
      store.offer(ev({ item: id, event: 'enter', ts: T0 + i * 1000 }));
      store.offer(ev({ item: id, event: 'leave', ts: T0 + i * 1000 + 500 }));
      store.offer(ev({ item: id, event: 'test', ts: T0 + i * 1000 + 400, verdict: i % 10 === 0 ? 'fail' : 'pass', ...(i % 10 === 0 ? { reason: 'rfv high' } : {}), values: { rfv: i } }));
    }
    await store.flush();
    expect((await store.queries.search('E280102')).map((h) => h.id)).toEqual(['E2801020', 'E2801021', 'E2801022', 'E2801023', 'E2801024', 'E2801025', 'E2801026', 'E2801027', 'E2801028', 'E2801029']);
    expect(await store.queries.search('E2801')).toHaveLength(20);
    expect((await store.queries.search('E2801029'))[0]).toEqual({ id: 'E2801029', kind: null, isLot: false });
    const through = await store.queries.stationItems('A', T0 + 5000, T0 + 10_000);
    expect(through.visits.map((v) => v.item)).toEqual(['E2801009', 'E2801008', 'E2801007', 'E2801006', 'E2801005']);
    const failed = await store.queries.itemsByVerdict({ from: T0, to: T0 + DAY, verdict: 'fail' });
    expect(failed.map((f) => [f.id, f.reason])).toEqual([
      ['E2801020', 'rfv high'],
      ['E2801010', 'rfv high'],
      ['E2801000', 'rfv high'],
    ]);
    const q = await store.queries.quality(tinyPlant(), 'L1', T0, T0 + DAY);
    expect(q).toMatchObject({ tested: 30, firstPass: 27, rejectsByReason: { 'rfv high': 3 }, rejectsByStation: { A: 3 } });
    expect(q?.trend[0]).toEqual({ from: T0, tested: 30, firstPassYield: 0.9 });
    expect(q?.trend).toHaveLength(24);
  });
});

describe('genealogy store: retention and restart', () => {
  it('removes items older than the retention, counts them, and keeps the rest', async () => {
    const { store, clock } = await openStore({ retentionMs: 90 * DAY });
    store.offer(ev({ item: 'OLD', event: 'enter', ts: T0 }));
    store.offer(ev({ item: 'OLD', event: 'leave', ts: T0 + 1000 }));
    store.offer(ev({ item: 'NEW', event: 'enter', ts: T0 + 60 * DAY }));
    store.offer(ev({ item: 'NEW', event: 'leave', ts: T0 + 60 * DAY + 1000 }));
    clock.set(T0 + 91 * DAY);
    await store.retainNow();
    expect(await store.queries.itemCard('OLD')).toBeUndefined();
    expect((await store.queries.stationItems('A', 0, T0 + 100 * DAY)).visits.map((v) => v.item)).toEqual(['NEW']);
    expect(store.health().removedByRetention).toBe(1);
  });

  it('keeps everything flushed across a restart, and an open visit closes after it', async () => {
    const { store, dir, clock } = await openStore();
    store.offer(ev({ item: 'R1', event: 'enter', ts: T0 }));
    store.offer(ev({ item: 'R1', event: 'consume', ts: T0, parts: ['LOT-1'] }));
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const again = (await openStore({ dir, clock })).store;
    await again.flush();
    expect(again.health().openVisits).toBe(1);
    again.offer(ev({ item: 'R1', event: 'leave', ts: T0 + 7000 }));
    await again.flush();
    const card = await again.queries.itemCard('R1');
    expect(card?.route).toEqual([expect.objectContaining({ enter: T0, leave: T0 + 7000, outcome: 'leave' })]);
    expect(card?.parts.map((p) => p.id)).toEqual(['LOT-1']);
  });
});
