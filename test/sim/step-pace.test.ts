import { describe, expect, it } from 'vitest';
import { StepPace } from '../../src-main/sim/forecast/step-pace';

async function stepTimes(pace: StepPace, steps: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < steps; i += 1) {
    await pace.beforeStep();
    times.push(performance.now());
  }
  return times;
}

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

describe('forecast step pace', () => {
  it('steps at once while the pipeline has headroom', async () => {
    const pace = new StepPace(200);
    for (const gap of gaps(await stepTimes(pace, 5))) expect(gap).toBeLessThan(100);
  });

  it('spaces steps by the slow pace while the pipeline is saturated', async () => {
    const pace = new StepPace(200);
    pace.set(true);
    // Timers may fire a millisecond early.
    for (const gap of gaps(await stepTimes(pace, 4))) expect(gap).toBeGreaterThanOrEqual(195);
  });

  it('ends a slow wait as soon as the pipeline has headroom again', async () => {
    const pace = new StepPace(5000);
    pace.set(true);
    await pace.beforeStep();
    const started = performance.now();
    setTimeout(() => pace.set(false), 50);
    await pace.beforeStep();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
