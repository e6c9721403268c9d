import { describe, expect, it } from 'vitest';
import type { LossesView } from '../../src-main/shared/losses';
import { bandSegments, lossRings, waterfallBars } from './losses-model';

const view = (): LossesView => ({
  plantId: 'p',
  line: 'L',
  shift: { id: 'A', start: 0, end: 480 * 60_000 },
  to: 480 * 60_000,
  waterfall: {
    calendarMs: 480 * 60_000,
    outputStations: 1,
    calendarUnits: 480,
    steps: [
      { category: 'planned', reason: 'break', ms: 30 * 60_000, units: 30, bottleneckMinutes: 30 },
      { category: 'fault', reason: 'Jam', ms: 50 * 60_000, units: 50, bottleneckMinutes: 50 },
      { category: 'performance', reason: '', ms: 0, units: -10, bottleneckMinutes: -10 },
    ],
    produced: 410,
    good: 410,
    target: 450,
    expectedByNow: 450,
    bottleneckCycleMs: 60_000,
  },
  pareto: [
    { station: 'B', line: 'L', category: 'fault', reason: 'Jam', lostUnits: 40, lostMinutes: 40, occurrences: 2, ambiguous: false, firstStart: 10 },
    { station: 'C', line: 'L', category: 'slow', reason: 'c', lostUnits: 10, lostMinutes: 10, occurrences: 1, ambiguous: false, firstStart: 20 },
    { station: 'B', line: 'L', category: 'maintenance', reason: 'x', lostUnits: 20, lostMinutes: 20, occurrences: 1, ambiguous: false, firstStart: 30 },
  ],
  bottleneck: { periods: [{ start: 0, end: 240 * 60_000, bank: 'L/b', stations: ['B'], shifting: false }], main: null, shifting: false },
  dropped: 0,
});

describe('losses view model', () => {
  it('hangs each loss from what is left and ends at good output; a negative loss grows back', () => {
    const bars = waterfallBars(view().waterfall);
    expect(bars.map((b) => [b.key, b.from, b.width])).toEqual([
      ['calendar', 0, 1],
      ['planned:break', 450 / 480, 30 / 480],
      ['fault:Jam', 400 / 480, 50 / 480],
      ['performance:', 400 / 480, 10 / 480],
      ['good', 0, 410 / 480],
    ]);
  });

  it('rings the root-cause stations by their summed lost units, largest first', () => {
    expect(lossRings(view()).map((r) => [r.station, r.lostUnits, r.weight])).toEqual([
      ['B', 60, 1],
      ['C', 10, 10 / 60],
    ]);
  });

  it('lays the bottleneck band out over the analysed time', () => {
    expect(bandSegments(view().bottleneck.periods, 0, 480 * 60_000)).toEqual([expect.objectContaining({ left: 0, width: 0.5, bank: 'L/b' })]);
  });
});
