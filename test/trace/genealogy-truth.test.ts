import { afterEach, describe, expect, it } from 'vitest';
import type { GenealogyTruth } from '../../src-main/sim/item-genealogy';
import { plant } from '../sim/sim-helpers';
import { expectTruth, tracedRun, type TracedRun } from './trace-pipeline';

const open: TracedRun[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.store.close();
});

describe('genealogy of a simulated run against the simulator’s own ground truth', () => {
  for (const name of ['tire-plant', 'fridge-plant'] as const) {
    it(`${name}, 24 h over UNS JSON: every item's route and lots exact`, async () => {
      const run = await tracedRun(await plant(name), { format: 'uns', hours: 24, metricsPeriodMs: 60_000 });
      open.push(run);
      const { items, lots } = await expectTruth(run);
      expect(items).toBeGreaterThan(500);
      expect(lots).toBeGreaterThan(50);
      const h = run.store.health();
      expect(h.dropped).toBe(0);
      expect(h.flagged).toEqual({});
      expect(run.engine.health().stats.decodeErrors).toBe(0);
    }, 600_000);

    it(`${name}, 2 h over Sparkplug B: the same genealogy from the String metric item`, async () => {
      const run = await tracedRun(await plant(name), { format: 'sparkplug', hours: 2, metricsPeriodMs: 20_000 });
      open.push(run);
      const { items } = await expectTruth(run);
      expect(items).toBeGreaterThan(20);
      expect(run.store.health().flagged).toEqual({});
    }, 300_000);
  }

  it('keeps a cure record: the platen temperature and pressures during each cure', async () => {
    const run = await tracedRun(await plant('tire-plant'), { format: 'uns', hours: 3, metricsPeriodMs: 20_000 });
    open.push(run);
    const truth = run.sim.genealogy.truth as GenealogyTruth;
    const cured = [...truth.items].find(([, t]) => t.route.some((v) => v.station.startsWith('CP-') && v.leave !== null));
    expect(cured).toBeDefined();
    const card = await run.store.queries.itemCard((cured as [string, unknown])[0]);
    const cure = card?.route.find((v) => v.station.startsWith('CP-'));
    expect(cure?.metrics.platenTempC?.n).toBeGreaterThan(5);
    expect(cure?.metrics.platenTempC?.max).toBeGreaterThan(140);
    expect(cure?.metrics.bladderPressureBar).toBeDefined();
    expect(cure?.metrics.platenTempC?.min).toBeLessThanOrEqual(cure?.metrics.platenTempC?.mean ?? -1);
  }, 300_000);
});

describe('bad-lot scenario: forward and backward trace', () => {
  it('names every tire made with the bad compound batch, and traces a failed one back to it', async () => {
    const run = await tracedRun(await plant('tire-plant'), { format: 'uns', hours: 6, scenario: 'bad-lot', metricsPeriodMs: 120_000 });
    open.push(run);
    const bad = run.sim.genealogy.badLots[0];
    expect(bad).toMatch(/^CB/);
    const truth = run.sim.genealogy.truth as GenealogyTruth;
    // Ground truth: tires whose parts come from a lot made from the bad batch.
    const fromBad = new Set([...truth.lots].filter(([, l]) => l.parts.includes(bad as string)).map(([id]) => id));
    const tires = [...truth.items].filter(([, t]) => t.parts.some((p) => fromBad.has(p))).map(([id]) => id);
    expect(tires.length).toBeGreaterThan(3);
    const lot = await run.store.queries.lotView(bad as string);
    expect(lot).toBeDefined();
    const forward = new Set(lot?.items.map((i) => i.id));
    for (const id of fromBad) expect(forward.has(id), id).toBe(true);
    for (const id of tires) expect(forward.has(id), id).toBe(true);
    expect(lot?.items.filter((i) => i.kind === 'green-tire').length).toBe(tires.length);
    const v = lot?.verdicts ?? { fail: 0, scrap: 0, pass: 0, rework: 0, open: 0 };
    expect(v.scrap + v.fail).toBeGreaterThan(0);
    // The bad batch's tires fail far more often than the plant's tires overall.
    const tested = [...truth.items.keys()];
    const rejects = (await run.store.queries.itemsByVerdict({ from: 0, to: Date.now() * 2, verdict: 'scrap' })).length;
    expect((v.scrap + v.fail) / tires.length).toBeGreaterThan((rejects / tested.length) * 3);
    const failed = lot?.items.find((i) => i.verdict === 'scrap');
    const back = await run.store.queries.backward((failed as { id: string }).id);
    expect(back.some((l) => l.part === bad)).toBe(true);
    expect(back.find((l) => l.part === bad)?.depth).toBe(2);
  }, 300_000);

  it('fails the bad liner lot’s refrigerators more often in the fridge plant', async () => {
    const run = await tracedRun(await plant('fridge-plant'), { format: 'uns', hours: 10, scenario: 'bad-lot', metricsPeriodMs: 300_000 });
    open.push(run);
    const bad = run.sim.genealogy.badLots[0] as string;
    expect(bad).toMatch(/^LN/);
    const lot = await run.store.queries.lotView(bad);
    const cabinets = lot?.items ?? [];
    expect(cabinets.length).toBeGreaterThan(5);
    expect((lot?.verdicts.scrap ?? 0) + (lot?.verdicts.fail ?? 0)).toBeGreaterThan(0);
  }, 300_000);
});
