import { describe, expect, it } from 'vitest';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import { outputStationsOf } from '../../src-main/core/kpi/kpi-engine';
import { deriveSeed, Rng } from '../../src-main/core/rng';
import { buildFlowGraph } from '../../src-main/sim/flow-graph';
import { PlantSimulator, REPAIR_SPREAD } from '../../src-main/sim/plant-simulator';
import { profileFor } from '../../src-main/sim/station-profiles';
import { remainingCycleMs, remainingRepairMs } from '../../src-main/sim/forecast/conditional-draws';
import { observeSimulator, type TwinObservation } from '../../src-main/sim/forecast/observation';
import { runForecast } from '../../src-main/sim/forecast/run-forecast';
import { drawStart } from '../../src-main/sim/forecast/start-state';
import { loadDemoPlant } from '../support/plants';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 06:00 in Qingdao: shift A starts; it ends at 14:00 with a 30 min break at 10:00. */
const SHIFT_START = Date.UTC(2026, 0, 5, 22, 0);
const SHIFT_END = SHIFT_START + 8 * HOUR;

/** The tire plant's curing and finishing lines: the bottleneck bank and the line with the shift target, at a third of the whole plant's cost. */
function pressesAndFinishing(): PlantFile {
  const tire = loadDemoPlant('tire-plant');
  return { ...tire, lines: tire.lines.filter((l) => l.id === 'curing' || l.id === 'finishing') };
}

function goodOf(sim: PlantSimulator, plant: PlantFile, line: string): number {
  const spec = plant.lines.find((l) => l.id === line);
  return spec ? outputStationsOf(spec).reduce((n, id) => n + (sim.totals(id)?.good ?? 0), 0) : 0;
}

/** A seeded simulation of the shift up to `at`, and the twin's view of it then. */
function midShift(plant: PlantFile, seed: number, at: number): { sim: PlantSimulator; obs: TwinObservation } {
  const sim = new PlantSimulator(plant, { emit: () => undefined }, { seed, start: SHIFT_START, metricsPeriodMs: Infinity });
  sim.advanceTo(at);
  const soFar = Object.fromEntries(plant.lines.map((l) => [l.id, goodOf(sim, plant, l.id)]));
  return { sim, obs: observeSimulator(sim, soFar) };
}

describe('shift forecast', () => {
  it('puts the shift-end output of the simulator itself inside its P10–P90 band in at least 80 % of 50 seeded trials', () => {
    const plant = pressesAndFinishing();
    const hits: Record<string, number> = { curing: 0, finishing: 0 };
    for (let trial = 0; trial < 50; trial += 1) {
      const { sim, obs } = midShift(plant, 1000 + trial, SHIFT_START + 4 * HOUR);
      const forecast = runForecast({ plant, obs, replications: 30, seed: trial });
      expect(forecast.horizonEnd).toBe(SHIFT_END);
      sim.advanceTo(SHIFT_END);
      for (const line of Object.keys(hits)) {
        const actual = goodOf(sim, plant, line);
        const band = forecast.lines[line]?.output;
        if (band && band.p10 <= actual && actual <= band.p90) hits[line] = (hits[line] ?? 0) + 1;
      }
    }
    expect(hits.curing).toBeGreaterThanOrEqual(40);
    expect(hits.finishing).toBeGreaterThanOrEqual(40);
  }, 120_000);

  it('states its horizon, replications, target chance, bottleneck and assumptions', () => {
    const plant = pressesAndFinishing();
    const { obs } = midShift(plant, 5, SHIFT_START + 6 * HOUR);
    const f = runForecast({ plant, obs, replications: 30, seed: 1 });
    expect(f.replications).toBe(30);
    expect(f.madeAt).toBe(SHIFT_START + 6 * HOUR);
    expect(f.shiftId).toBe('A');
    const curing = f.lines.curing;
    expect(curing?.target).toBe(880);
    expect(curing?.chanceOfTarget).toBeGreaterThanOrEqual(0);
    expect(curing?.chanceOfTarget).toBeLessThanOrEqual(1);
    expect(curing?.output.p10).toBeLessThanOrEqual(curing?.output.p90 ?? -1);
    expect(curing?.output.p10).toBeGreaterThanOrEqual(obs.soFar.curing ?? Infinity);
    expect(curing?.bottleneck?.type).toBe('curing-press');
    expect(f.lines.finishing?.bottleneck?.type).toBe('xray');
    expect(f.assumptions.map((a) => a.code)).toContain('profile-defaults');
    expect(f.thinData).toBeUndefined();
  });

  it('says the data is too thin when the twin has not heard from the stations', () => {
    const plant = pressesAndFinishing();
    const { obs } = midShift(plant, 5, SHIFT_START + 6 * HOUR);
    for (const o of Object.values(obs.stations)) o.unknown = true;
    const f = runForecast({ plant, obs, replications: 2, seed: 1 });
    expect(f.thinData).toBe('no-data');
    expect(f.assumptions.find((a) => a.code === 'stations-without-data')?.count).toBe(31);
  });

  it('lowers the forecast by about the lost time of the bottleneck when it is taken down in a what-if', () => {
    const plant = pressesAndFinishing();
    const { obs } = midShift(plant, 11, SHIFT_START + 5 * HOUR);
    const baseline = runForecast({ plant, obs, replications: 30, seed: 4 });
    const down = runForecast({ plant, obs, replications: 30, seed: 4, changes: [{ kind: 'down', station: 'XR-01', minutes: 30 }] });
    const base = baseline.lines.finishing;
    const changed = down.lines.finishing;
    if (!base || !changed) throw new Error('no finishing line');
    // The x-ray is the finishing line's bottleneck: half an hour of it is about half an hour of the line's output.
    const perMinute = (base.output.mean - base.soFar) / ((SHIFT_END - obs.at) / MINUTE);
    const lost = base.output.mean - changed.output.mean;
    expect(lost).toBeGreaterThan(0.6 * 30 * perMinute);
    expect(lost).toBeLessThan(1.2 * 30 * perMinute);
    // Two hours without the x-ray puts the line behind its plan, and no later than without the stop.
    const long = runForecast({ plant, obs, replications: 30, seed: 4, changes: [{ kind: 'down', station: 'XR-01', minutes: 120 }] }).lines.finishing;
    expect(long?.fallsBehindAt).toBeGreaterThanOrEqual(obs.at);
    expect(long?.fallsBehindAt).toBeLessThan(SHIFT_END);
    expect(base.fallsBehindAt === null || (base.fallsBehindAt ?? 0) >= (long?.fallsBehindAt ?? Infinity)).toBe(true);
    // One press of 24 down for an hour costs about a 24th of an hour of curing.
    const press = runForecast({ plant, obs, replications: 30, seed: 4, changes: [{ kind: 'down', station: 'CP-07', minutes: 60 }] });
    const curingRate = ((baseline.lines.curing?.output.mean ?? 0) - (obs.soFar.curing ?? 0)) / ((SHIFT_END - obs.at) / MINUTE);
    const pressLost = (baseline.lines.curing?.output.mean ?? 0) - (press.lines.curing?.output.mean ?? 0);
    expect(pressLost).toBeGreaterThan(0.5 * (60 * curingRate) / 24);
    expect(pressLost).toBeLessThan(1.5 * (60 * curingRate) / 24);
  }, 60_000);

  it('does not treat a fault ten minutes old as a new one', () => {
    const plant = pressesAndFinishing();
    const { obs } = midShift(plant, 3, SHIFT_START + 3 * HOUR);
    obs.stations['XR-01'] = { state: 'FAULT', since: obs.at - 10 * MINUTE, loadsElapsedMs: [] };
    const graph = buildFlowGraph(plant);
    const draws: number[] = [];
    for (let i = 0; i < 4000; i += 1) {
      const start = drawStart(obs, plant, graph, new Rng(deriveSeed(9, `d${i}`)));
      draws.push(start.stations['XR-01']?.faultMs ?? NaN);
    }
    // The simulator's own repair times (log-normal around the MTTR), those longer than ten minutes, less the ten.
    const mean = profileFor('xray').mttrMin * MINUTE;
    const rng = new Rng(77);
    const residuals: number[] = [];
    const fresh: number[] = [];
    while (residuals.length < 4000) {
      const t = mean * Math.exp(rng.normal(-(REPAIR_SPREAD ** 2) / 2, REPAIR_SPREAD));
      if (fresh.length < 4000) fresh.push(t);
      if (t > 10 * MINUTE) residuals.push(t - 10 * MINUTE);
    }
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(draws.every((d) => d >= 0)).toBe(true);
    expect(Math.abs(avg(draws) / avg(residuals) - 1)).toBeLessThan(0.05);
    // A new fault's repair time is another distribution: the residual differs from it.
    expect(Math.abs(avg(draws) - avg(fresh))).toBeGreaterThan(0.1 * avg(fresh));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    expect(Math.abs(median(draws) / median(residuals) - 1)).toBeLessThan(0.08);
  });

  it('finishes a cure nine minutes in within what is left of it, not a whole cure later', () => {
    const plant = pressesAndFinishing();
    const spec = plant.lines.find((l) => l.id === 'curing')?.stations[0];
    if (!spec) throw new Error('no press');
    const profile = profileFor(spec.type);
    const rng = new Rng(5);
    const dwellMs = profile.dwellS(spec) * 1000;
    for (let i = 0; i < 1000; i += 1) {
      const left = remainingCycleMs(profile, spec, 9 * MINUTE, rng);
      expect(left).toBeGreaterThanOrEqual(dwellMs - 9 * MINUTE);
      expect(left).toBeLessThanOrEqual(dwellMs * (1 + 4 * profile.scatter) - 9 * MINUTE + 1);
    }
    // Past the longest cure the distribution allows, it ends now.
    expect(remainingCycleMs(profile, spec, dwellMs * 2, rng)).toBe(0);
    expect(remainingRepairMs(15 * MINUTE, 0, rng)).toBeGreaterThan(0);
  });

  it('gives the same forecast for the same observation and seed, and a what-if with one more press a higher one', () => {
    const plant = pressesAndFinishing();
    const { obs } = midShift(plant, 21, SHIFT_START + 6 * HOUR);
    const a = runForecast({ plant, obs, replications: 30, seed: 2 });
    const b = runForecast({ plant, obs, replications: 30, seed: 2 });
    expect(b.lines).toEqual(a.lines);
    const more = runForecast({ plant, obs, replications: 30, seed: 2, changes: [{ kind: 'machines', station: 'CP-01', delta: 1 }] });
    expect(more.lines.curing?.output.mean).toBeGreaterThan(a.lines.curing?.output.mean ?? Infinity);
    expect(() => runForecast({ plant, obs, replications: 1, seed: 2, changes: [{ kind: 'down', station: 'NOPE', minutes: 5 }] })).toThrow(/no station NOPE/);
  }, 60_000);
});
