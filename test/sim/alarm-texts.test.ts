import { describe, expect, it } from 'vitest';
import { profileFor } from '../../src-main/sim/station-profiles';
import { applyScenario, SCENARIOS } from '../../src-main/sim/scenarios';
import { plant, simulate } from './sim-helpers';

describe('demo plants translate every alarm their simulator raises', () => {
  for (const name of ['tire-plant', 'fridge-plant'] as const) {
    it(`${name}: each machine alarm id has zh and en texts, the English being the machine's own`, async () => {
      const p = await plant(name);
      const raised = new Map<string, string>();
      for (const station of p.lines.flatMap((l) => l.stations)) {
        const profile = profileFor(station.type);
        for (const a of [...profile.faults, ...profile.utilityLoss]) raised.set(a.id, a.text);
      }
      // Scenario faults come from outside the profiles: run each long enough to raise them.
      for (const scenario of SCENARIOS) {
        const { records } = simulate(p, 0.5, {}, (sim) => applyScenario(sim, scenario));
        for (const r of records) if (r.kind === 'alarm' && r.text !== undefined) raised.set(r.id, r.text);
      }
      const missing = [...raised].filter(([id, text]) => p.alarmTexts[id]?.en !== text).map(([id]) => id);
      expect(missing).toEqual([]);
    });
  }
});
