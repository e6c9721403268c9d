import { describe, expect, it } from 'vitest';
import { plant, simulate } from './sim-helpers';

describe('demo plant files name every process value the simulator sends', () => {
  for (const name of ['tire-plant', 'fridge-plant'] as const) {
    it(`${name}: every metric has a Chinese and an English name`, async () => {
      const p = await plant(name);
      const { records } = simulate(p, 2);
      const sent = new Set<string>();
      for (const r of records) if (r.kind === 'metrics') for (const key of Object.keys(r.values)) sent.add(key);
      expect(sent.size).toBeGreaterThan(5);
      const unnamed = [...sent].filter((key) => !p.metrics?.[key]).sort();
      expect(unnamed).toEqual([]);
    });
  }
});
