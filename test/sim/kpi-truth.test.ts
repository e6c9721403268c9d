import { describe, expect, it } from 'vitest';
import { KpiEngine } from '../../src-main/core/kpi/kpi-engine';
import { PlantState } from '../../src-main/core/state/plant-state';
import { PlantSimulator } from '../../src-main/sim/plant-simulator';
import { HOUR, plant, START } from './sim-helpers';

const CHECK_EVERY = 5 * 60_000;

describe('the simulator agrees with the plants’ ideal cycle times (PRU)', () => {
  it('keeps every station’s and line’s performance at or below 100 % over 24 simulated hours of each plant', async () => {
    for (const name of ['tire-plant', 'fridge-plant'] as const) {
      const p = await plant(name);
      const kpi = new KpiEngine(p, START, () => undefined);
      const state = new PlantState(p);
      state.onCount((d) => kpi.onCount(d));
      // Counts and states are what performance is made of; process values are left sparse to keep the test quick.
      const sim = new PlantSimulator(
        p,
        {
          emit: (r) => {
            kpi.advanceTo(r.ts);
            state.apply(r, r.ts);
            kpi.onEvent(r);
          },
        },
        { seed: 11, start: START, metricsPeriodMs: 600_000 },
      );
      sim.begin();
      const worst = { performance: 0, where: '' };
      let known = 0;
      for (let t = START + CHECK_EVERY; t <= START + 24 * HOUR; t += CHECK_EVERY) {
        sim.advanceTo(t);
        kpi.advanceTo(t);
        for (const [lineId, line] of Object.entries(kpi.views())) {
          for (const [id, v] of [[lineId, line] as const, ...Object.entries(line.stations ?? {})]) {
            const perf = v.oee.performance;
            if (perf === null) continue;
            known += 1;
            if (perf > worst.performance) Object.assign(worst, { performance: perf, where: `${id} at ${(t - START) / HOUR} h` });
            expect(v.dataQuality, `${name} ${id} at ${(t - START) / HOUR} h`).toBeUndefined();
          }
        }
      }
      expect(known).toBeGreaterThan(1000);
      expect(worst.performance, `${name}: worst ${worst.where}`).toBeLessThanOrEqual(1);
      expect(worst.performance).toBeGreaterThan(0.9);
    }
  });
});
