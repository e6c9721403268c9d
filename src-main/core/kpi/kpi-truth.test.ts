import { describe, expect, it } from 'vitest';
import { MIN, SEC, T0 } from '../../../test/support/alarm-fixtures';
import { parsePlant } from '../plant/load-plant';
import { ManualClock } from '../clock';
import { Engine } from '../engine';

/** One line of two parallel output stations with different ideal cycles (PRU): P1 60 s, P2 30 s. */
function twoPressEngine(): { engine: Engine; clock: ManualClock; at: (station: string, ts: number, total: number) => void; run: (counts: Array<[string, number, number]>) => void } {
  const plant = parsePlant(
    {
      id: 'two-press',
      name: { zh: '两台', en: 'Two presses' },
      uns: { prefix: 'test/two' },
      shifts: { utcOffsetMinutes: 0, shifts: [{ id: 'A', start: '06:00', hours: 8 }] },
      lines: [
        {
          id: 'L',
          name: { zh: '线', en: 'Line' },
          stations: [
            { id: 'P1', type: 'curing-press', name: { zh: '一', en: 'P1' }, position: [0, 0, 0], idealCycleSeconds: 60, staleAfterSeconds: 3600 },
            { id: 'P2', type: 'curing-press', name: { zh: '二', en: 'P2' }, position: [5, 0, 0], idealCycleSeconds: 30, staleAfterSeconds: 3600 },
          ],
        },
      ],
    },
    'two-press.json',
  );
  const clock = new ManualClock(T0);
  const engine = new Engine({ plant, clock });
  for (const id of ['P1', 'P2']) {
    engine.applyEvent({ kind: 'state', station: id, ts: T0, state: 'RUNNING' });
    engine.applyEvent({ kind: 'count', station: id, ts: T0, good: 0, reject: 0 });
  }
  const at = (station: string, ts: number, total: number): void => {
    clock.set(ts);
    engine.applyEvent({ kind: 'count', station, ts, good: total, reject: 0 });
  };
  /** Count totals from several stations, delivered in time order as a broker would. */
  const run = (counts: Array<[string, number, number]>): void => {
    for (const [station, ts, total] of [...counts].sort((a, b) => a[1] - b[1])) at(station, ts, total);
  };
  return { engine, clock, at, run };
}

const every = (station: string, periodMs: number, n: number): Array<[string, number, number]> =>
  Array.from({ length: n }, (_, i) => [station, T0 + (i + 1) * periodMs, i + 1] as [string, number, number]);

describe('performance from each station’s own PRU (ISO 22400: PRU × PQ / APT)', () => {
  it('per station and summed over a line’s output stations', () => {
    const { engine, clock, run } = twoPressEngine();
    // P1 makes one every 80 s (75 % of its 60 s), P2 one every 30 s (100 % of its 30 s), for 40 minutes.
    run([...every('P1', 80 * SEC, 30), ...every('P2', 30 * SEC, 80)]);
    clock.set(T0 + 40 * MIN);
    const line = engine.snapshot().lines.L;
    // From each first count to the last: P1 29 units in 29 × 80 s, P2 79 units in 79 × 30 s.
    expect(line?.stations?.P1?.oee.performance).toBeCloseTo(0.75, 10);
    expect(line?.stations?.P2?.oee.performance).toBeCloseTo(1, 10);
    expect(line?.oee.performance).toBeCloseTo((29 * 60 + 79 * 30) / (29 * 80 + 79 * 30), 10);
    expect(line?.dataQuality).toBeUndefined();
    expect(line?.oee.value).toBeCloseTo(1 * ((29 * 60 + 79 * 30) / (29 * 80 + 79 * 30)) * 1, 10);
  });

  it('is unknown (null), with no OEE, until the counted span is long enough to tell', () => {
    const { engine, at } = twoPressEngine();
    at('P2', T0 + 30 * SEC, 1);
    at('P2', T0 + 60 * SEC, 2);
    const p2 = engine.snapshot().lines.L?.stations?.P2;
    expect(p2?.oee.performance).toBeNull();
    expect(p2?.oee.value).toBeNull();
  });

  it('above 100 % is a data-quality fault: flagged with its reason on the station and its line, and no OEE', () => {
    const { engine, clock, run } = twoPressEngine();
    // P2 counts one every 20 s against an ideal cycle of 30 s: 150 %.
    run([...every('P2', 20 * SEC, 120), ...every('P1', 80 * SEC, 30)]);
    clock.set(T0 + 40 * MIN);
    engine.tick();
    const line = engine.snapshot().lines.L;
    const p2 = line?.stations?.P2;
    expect(p2?.oee.performance).toBeCloseTo(1.5, 10);
    expect(p2?.dataQuality).toEqual({ code: 'performance-over-100', performance: p2?.oee.performance });
    expect(p2?.oee.value).toBeNull();
    expect(line?.stations?.P1?.oee.performance).toBeCloseTo(0.75, 10);
    expect(line?.stations?.P1?.dataQuality).toBeUndefined();
    expect(line?.dataQuality).toMatchObject({ code: 'performance-over-100', stations: ['P2'] });
    expect(line?.dataQuality?.performance).toBeCloseTo(1.5, 10);
    expect(line?.oee.value).toBeNull();
    expect(engine.kpiTrend('L')?.oee.at(-1)).toBeNull();
  });
});

describe('rates that can be', () => {
  it('shows no rate (null) from one count or a few minutes of data, then units per hour', () => {
    const { engine, clock, at } = twoPressEngine();
    at('P2', T0 + 10 * SEC, 1);
    expect(engine.snapshot().lines.L?.stations?.P2?.throughputPerHour).toBeNull();
    expect(engine.snapshot().lines.L?.throughputPerHour).toBeNull();
    for (let k = 2; k <= 6; k++) at('P2', T0 + k * 30 * SEC, k);
    // Three minutes: still too short to say.
    expect(engine.snapshot().lines.L?.stations?.P2?.throughputPerHour).toBeNull();
    for (let k = 7; k <= 20; k++) at('P2', T0 + k * 30 * SEC, k);
    clock.set(T0 + 10 * MIN);
    // Ten minutes of data, 20 units: 120 an hour.
    expect(engine.snapshot().lines.L?.stations?.P2?.throughputPerHour).toBe(120);
  });

  it('waits for three ideal cycles of a long-cycle station before telling its rate', () => {
    const { engine, clock, at } = twoPressEngine();
    at('P1', T0 + 1 * MIN, 1);
    at('P1', T0 + 2 * MIN, 2);
    clock.set(T0 + 2 * MIN + 50 * SEC);
    expect(engine.snapshot().lines.L?.stations?.P1?.throughputPerHour).toBeNull();
  });

  it('gives the line the sum of its output stations’ rates, and a stopped station 0', () => {
    const { engine, clock, run } = twoPressEngine();
    run([...every('P1', 60 * SEC, 15), ...every('P2', 45 * SEC, 20)]);
    clock.set(T0 + 20 * MIN);
    let line = engine.snapshot().lines.L;
    // The window (T0+5 min, T0+20 min]: P1 10 units, P2 14; the hour so far (20 min): 15 and 20.
    expect(line?.stations?.P1?.throughputPerHour).toBe(40);
    expect(line?.stations?.P2?.throughputPerHour).toBe(56);
    expect(line?.throughputPerHour).toBe(96);
    expect(line?.stations?.P1?.throughputPerHour60).toBe(45);
    expect(line?.stations?.P2?.throughputPerHour60).toBe(60);
    expect(line?.throughputPerHour60).toBe(105);
    clock.set(T0 + 31 * MIN);
    line = engine.snapshot().lines.L;
    expect(line?.stations?.P1?.throughputPerHour).toBe(0);
    expect(line?.throughputPerHour).toBe(0);
  });
});
