import { describe, expect, it } from 'vitest';
import { PipelineLoad } from './pipeline-load';

describe('pipeline load', () => {
  it('turns saturated above 85 % busy and back only below 60 %, so a load near the line does not flap', () => {
    const changes: boolean[] = [];
    const load = new PipelineLoad((s) => changes.push(s));
    for (const u of [0.5, 0.84, 0.9, 0.7, 0.61, 0.95, 0.59, 0.8, 0.3]) load.sample(u);
    expect(changes).toEqual([true, false]);
    expect(load.isSaturated).toBe(false);
  });

  it('sees its own event loop kept busy', async () => {
    const changes: boolean[] = [];
    const load = new PipelineLoad((s) => changes.push(s));
    load.start();
    try {
      const end = performance.now() + 800;
      while (performance.now() < end) {
        for (const t = performance.now(); performance.now() - t < 50; );
        await new Promise((r) => setImmediate(r));
      }
      expect(load.isSaturated).toBe(true);
    } finally {
      load.stop();
    }
  });
});
