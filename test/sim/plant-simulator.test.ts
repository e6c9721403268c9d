import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectedProcessS, profileFor } from '../../src-main/sim/station-profiles';
import { PlantSimulator, type SimRecord } from '../../src-main/sim/plant-simulator';
import { UnsEncoder } from '../../src-main/sim/uns-encoder';
import { applyScenario, bottleneckBank, cascadeStation } from '../../src-main/sim/scenarios';
import { collect, HOUR, plant, simulate, START } from './sim-helpers';

const CLEAN = { randomFaults: false, service: false, calendar: false };
/** Process values are beside the point where only the flow is checked: fewer of them, faster tests. */
const FLOW_ONLY = { metricsPeriodMs: 60_000 };

function stateAt(records: SimRecord[], station: string, t: number): string | undefined {
  let state: string | undefined;
  for (const r of records) {
    if (r.ts > t) break;
    if (r.kind === 'state' && r.station === station) state = r.state;
  }
  return state;
}

describe('plant simulator', () => {
  it('publishes the same messages for the same seed and start, and different ones for another seed', async () => {
    const p = await plant('tire-plant');
    const run = (seed: number): { count: number; digest: string } => {
      const out = collect();
      const encoder = new UnsEncoder(p);
      encoder.online('uns', out);
      const sim = new PlantSimulator(p, encoder, { seed, start: START });
      sim.begin();
      // Uneven steps: how the runner slices time must not change what happens.
      for (let t = START; t < START + HOUR; t += 1000 + (seed % 7) * 333) sim.advanceTo(t);
      sim.advanceTo(START + HOUR);
      const hash = createHash('sha256');
      for (const m of out.messages) hash.update(`${m.topic}\u0000${String(m.payload)}\u0000`);
      return { count: out.messages.length, digest: hash.digest('hex') };
    };
    const a = run(42);
    expect(a.count).toBeGreaterThan(10_000);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
  });

  it('conserves units and tracked items over a shift with faults, breaks and scrap', async () => {
    for (const name of ['tire-plant', 'fridge-plant'] as const) {
      const { sim, records } = simulate(await plant(name), 8, FLOW_ONLY);
      const l = sim.ledgerNow();
      expect(l.scrapped).toBeGreaterThan(0);
      expect(l.created).toBe(l.finished + l.scrapped + l.consumed + l.wip);

      const seen = new Set<string>();
      const gone = new Set<string>();
      const last = (await plant(name)).lines.at(-1)?.stations.at(-1)?.id;
      for (const r of records) {
        // Lots are produced and consumed, never moved: only where units are counts here.
        if (r.kind !== 'item' || (r.event !== 'enter' && r.event !== 'leave' && r.event !== 'scrap')) continue;
        seen.add(r.item);
        if (r.event === 'scrap' || (r.event === 'leave' && r.station === last)) {
          expect(gone.has(r.item)).toBe(false);
          gone.add(r.item);
        }
      }
      const wip = sim.wipIds();
      expect(wip.filter((id) => gone.has(id))).toEqual([]);
      expect(gone.size + wip.length).toBe(seen.size);
    }
  });

  it('runs at the bottleneck bank’s rate over 8 simulated hours', async () => {
    const cases = [
      { name: 'tire-plant' as const, type: 'curing-press' },
      { name: 'fridge-plant' as const, type: 'performance-test' },
    ];
    for (const { name, type } of cases) {
      const p = await plant(name);
      const started = performance.now();
      const { sim } = simulate(p, 8, { ...CLEAN, ...FLOW_ONLY });
      expect(performance.now() - started).toBeLessThan(15_000);
      const bank = bottleneckBank(sim.graph);
      expect(bank.type).toBe(type);
      const spec = bank.stations[0];
      if (!spec) throw new Error('empty bank');
      const profile = profileFor(type);
      // Loads per second of one station: its places over the process time, or one a takt where a takt paces it.
      const takt = profile.taktS(spec);
      const perStation = Math.min(profile.positions / expectedProcessS(profile, spec), takt > 0 ? 1 / takt : Infinity);
      const bound = bank.stations.length * perStation * 8 * 3600;
      const cured = bank.stations.reduce((n, s) => n + (sim.totals(s.id)?.good ?? 0) + (sim.totals(s.id)?.reject ?? 0), 0);
      expect(cured / bound).toBeGreaterThan(0.97);
      expect(cured / bound).toBeLessThan(1.03);
      // What leaves the plant is what the bottleneck lets through, less scrap after it.
      const output = sim.ledgerNow().finished;
      expect(output / bound).toBeGreaterThan(0.95);
      expect(output / bound).toBeLessThan(1.03);
    }
  });

  it('blocks upstream and starves downstream of a failed machine, then recovers', async () => {
    const p = await plant('tire-plant');
    let target = '';
    const { records } = simulate(p, 3, CLEAN, (sim) => {
      target = cascadeStation(sim.graph);
      sim.injectFault(target, START + 10 * 60_000, 60 * 60_000, { id: 'MAIN_DRIVE_TRIP', text: 'Main drive overload trip', priority: 2 });
    });
    expect(target).toBe('XR-01');
    const during = START + 60 * 60_000;
    expect(stateAt(records, 'XR-01', during)).toBe('FAULT');
    for (const id of ['UF-01', 'UF-02']) expect(stateAt(records, id, during)).toBe('BLOCKED');
    const presses = p.lines.find((l) => l.id === 'curing')?.stations.map((s) => s.id) ?? [];
    expect(presses.filter((id) => stateAt(records, id, during) === 'BLOCKED').length).toBeGreaterThan(presses.length / 2);
    for (const id of ['AGV-1', 'AGV-2', 'AGV-3', 'WH-01']) expect(stateAt(records, id, during)).toBe('STARVED');
    // Builders upstream of the presses fill the green-tire store and block in turn.
    expect(stateAt(records, 'TB-01', START + 70 * 60_000)).toBe('BLOCKED');

    const alarms = records.filter((r) => r.kind === 'alarm' && r.station === 'XR-01');
    expect(alarms.map((a) => a.kind === 'alarm' && a.active)).toEqual([true, false]);
    const after = START + 150 * 60_000;
    expect(stateAt(records, 'XR-01', after)).toBe('RUNNING');
    expect(presses.filter((id) => stateAt(records, id, after) === 'RUNNING').length).toBeGreaterThan(presses.length * 0.8);
  });

  it('floods the operator in the alarm-flood scenario: more than 10 alarms in 10 minutes, all cleared later', async () => {
    for (const name of ['tire-plant', 'fridge-plant'] as const) {
      const { records } = simulate(await plant(name), 1, { ...CLEAN, ...FLOW_ONLY }, (sim) => applyScenario(sim, 'alarm-flood'));
      const raised = records.filter((r) => r.kind === 'alarm' && r.active).map((r) => r.ts);
      const inTenMinutes = Math.max(...raised.map((t) => raised.filter((u) => u >= t && u < t + 10 * 60_000).length));
      expect(inTenMinutes).toBeGreaterThan(10);
      expect(records.filter((r) => r.kind === 'alarm' && !r.active)).toHaveLength(raised.length);
    }
  });

  it('follows the cure recipe through a press cycle and stages the presses', async () => {
    const { records } = simulate(await plant('tire-plant'), 1, CLEAN);
    const press = records.filter((r) => r.kind === 'metrics' && r.station === 'CP-01').map((r) => (r.kind === 'metrics' ? r.values : {}));
    const steps = new Set(press.map((v) => v.recipeStep));
    expect([...steps].sort()).toEqual([1, 2, 3, 4, 5]);
    const nitrogen = press.filter((v) => v.recipeStep === 3).map((v) => v.bladderPressureBar ?? 0);
    expect(Math.min(...nitrogen)).toBeGreaterThan(22);
    expect(press.every((v) => (v.platenTempC ?? 0) > 170 && (v.platenTempC ?? 0) < 180)).toBe(true);
    const firstCounts = new Map<string, number>();
    for (const r of records) if (r.kind === 'count' && r.good > 0 && r.station.startsWith('CP-') && !firstCounts.has(r.station)) firstCounts.set(r.station, r.ts);
    // Staggered phases: the presses do not finish their cures in lockstep.
    const firsts = [...firstCounts.values()];
    expect(firsts).toHaveLength(24);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(10 * 60_000);
    expect(new Set(firsts.map((t) => Math.floor(t / 60_000))).size).toBeGreaterThan(7);
  });
});
