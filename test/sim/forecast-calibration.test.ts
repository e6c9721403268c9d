import { describe, expect, it } from 'vitest';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import { outputStationsOf } from '../../src-main/core/kpi/kpi-engine';
import { PlantSimulator } from '../../src-main/sim/plant-simulator';
import { profileFor } from '../../src-main/sim/station-profiles';
import { Calibrator } from '../../src-main/sim/forecast/calibration';
import { observeSimulator } from '../../src-main/sim/forecast/observation';
import { runForecast } from '../../src-main/sim/forecast/run-forecast';
import { loadDemoPlant } from '../support/plants';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHIFT_START = Date.UTC(2026, 0, 5, 22, 0);
const SHIFT_END = SHIFT_START + 8 * HOUR;
const FAULT = { id: 'TEST_FAULT', text: 'test fault', priority: 3 as const };

function finishing(): PlantFile {
  const tire = loadDemoPlant('tire-plant');
  return { ...tire, lines: tire.lines.filter((l) => l.id === 'curing' || l.id === 'finishing') };
}

const goodOf = (sim: PlantSimulator, plant: PlantFile, line: string): number =>
  outputStationsOf(plant.lines.find((l) => l.id === line) ?? plant.lines[0]!).reduce((n, id) => n + (sim.totals(id)?.good ?? 0), 0);

describe('forecast calibration', () => {
  it('moves a station’s repair time, failure rate and cycle factor from the prior by what it observed, weighted by how much', () => {
    const plant = finishing();
    const calibrator = new Calibrator(plant);
    const sim = new PlantSimulator(plant, { emit: (r) => calibrator.onEvent(r) }, { seed: 3, start: SHIFT_START, randomFaults: false, service: false });
    sim.setCycleFactor('XR-01', 1.25);
    for (let k = 0; k < 4; k += 1) sim.injectFault('XR-01', SHIFT_START + (1 + k) * HOUR, 45 * MINUTE, FAULT);
    sim.advanceTo(SHIFT_START + 6 * HOUR);
    const est = calibrator.estimates(sim.now);
    const xr = est['XR-01'];
    if (!xr) throw new Error('XR-01 not calibrated');
    const prior = profileFor('xray');
    expect(xr.mttrMin).toMatchObject({ prior: prior.mttrMin, n: 4 });
    // Two repairs' worth of prior, four of 45 min observed.
    expect(xr.mttrMin.value).toBeCloseTo((2 * prior.mttrMin + 4 * 45) / 6, 0);
    expect(xr.mtbfH.n).toBe(4);
    expect(xr.mtbfH.observedH).toBeGreaterThan(2.5);
    expect(xr.mtbfH.value).toBeCloseTo((prior.mtbfH + xr.mtbfH.observedH) / 5, 5);
    expect(xr.cycleFactor.n).toBeGreaterThan(100);
    expect(xr.cycleFactor.value).toBeGreaterThan(1.2);
    expect(xr.cycleFactor.value).toBeLessThan(1.3);
    // A station as its profile says stays at the prior, with the data it rests on.
    const press = est['CP-01'];
    expect(press?.cycleFactor.value).toBeGreaterThan(0.95);
    expect(press?.cycleFactor.value).toBeLessThan(1.05);
    expect(press?.mttrMin).toMatchObject({ value: profileFor('curing-press').mttrMin, n: 0 });
  });

  it('forecasts a line whose bottleneck runs slower than the plant file says closer to what it makes once calibrated', () => {
    const plant = finishing();
    const calibrator = new Calibrator(plant);
    const sim = new PlantSimulator(plant, { emit: (r) => calibrator.onEvent(r) }, { seed: 8, start: SHIFT_START, metricsPeriodMs: 10_000 });
    sim.setCycleFactor('XR-01', 1.2);
    sim.advanceTo(SHIFT_START + 4 * HOUR);
    const soFar = Object.fromEntries(plant.lines.map((l) => [l.id, goodOf(sim, plant, l.id)]));
    const obs = observeSimulator(sim, soFar);
    const calibration = calibrator.estimates(sim.now);
    const plain = runForecast({ plant, obs, replications: 30, seed: 1 });
    const calibrated = runForecast({ plant, obs, replications: 30, seed: 1, calibration });
    sim.advanceTo(SHIFT_END);
    const actual = goodOf(sim, plant, 'finishing');
    const errPlain = Math.abs((plain.lines.finishing?.output.mean ?? 0) - actual);
    const errCalibrated = Math.abs((calibrated.lines.finishing?.output.mean ?? 0) - actual);
    expect(errCalibrated).toBeLessThan(errPlain / 2);
    expect(calibrated.assumptions.find((a) => a.code === 'calibrated')?.count).toBeGreaterThan(0);
    expect(calibrated.calibration?.['XR-01']?.cycleFactor.n).toBeGreaterThan(50);
  }, 30_000);
});
