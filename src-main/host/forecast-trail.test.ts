import { describe, expect, it } from 'vitest';
import type { ForecastView } from '../shared/forecast';
import { ForecastTrail } from './forecast-trail';

const HOUR = 3_600_000;
const MIN = 60_000;

function view(shiftStart: number, madeAt: number, mean: number, thinData?: ForecastView['thinData']): ForecastView {
  return {
    plantId: 'p',
    madeAt,
    shiftStart,
    horizonEnd: shiftStart + 8 * HOUR,
    replications: 30,
    lines: { L: { line: 'L', soFar: 0, output: { mean, p10: mean - 10, p50: mean, p90: mean + 10 }, target: 880, chanceOfTarget: 0.4 } },
    assumptions: [],
    computeMs: 1,
    ...(thinData ? { thinData } : {}),
  };
}

describe('the forecast trail of a shift', () => {
  it('keeps the first forecast of each hour of the shift per line, not every refresh', () => {
    const trail = new ForecastTrail();
    trail.add(view(0, 2 * HOUR + 5 * MIN, 800));
    trail.add(view(0, 2 * HOUR + 6 * MIN, 801));
    trail.add(view(0, 3 * HOUR + 1 * MIN, 820));
    expect(trail.of('L', 8 * HOUR).map((c) => [c.madeAt, c.output.mean, c.chanceOfTarget])).toEqual([
      [2 * HOUR + 5 * MIN, 800, 0.4],
      [3 * HOUR + MIN, 820, 0.4],
    ]);
    expect(trail.of('other', 8 * HOUR)).toEqual([]);
  });

  it('leaves out forecasts on too little data and keeps only the last two shifts', () => {
    const trail = new ForecastTrail();
    trail.add(view(0, HOUR, 500, 'mostly-stale'));
    expect(trail.of('L', 8 * HOUR)).toEqual([]);
    trail.add(view(0, HOUR, 800));
    trail.add(view(8 * HOUR, 9 * HOUR, 810));
    trail.add(view(16 * HOUR, 17 * HOUR, 820));
    expect(trail.of('L', 8 * HOUR)).toEqual([]);
    expect(trail.of('L', 16 * HOUR)).toHaveLength(1);
    expect(trail.of('L', 24 * HOUR)).toHaveLength(1);
  });
});
