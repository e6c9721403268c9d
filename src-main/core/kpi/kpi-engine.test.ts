import { describe, expect, it } from 'vitest';
import { MIN, T0, feed, fixtureEngine } from '../../../test/support/alarm-fixtures';
import type { StationState } from '../../shared/station-state';
import type { ManualClock } from '../clock';
import type { Engine } from '../engine';

const H = 60 * MIN;
const state = (engine: Engine, clock: ManualClock, station: string, ts: number, s: StationState): void => feed(engine, clock, { kind: 'state', station, ts, state: s });
const count = (engine: Engine, clock: ManualClock, station: string, ts: number, good: number, reject: number): void => feed(engine, clock, { kind: 'count', station, ts, good, reject });

describe('KPIs (ISO 22400-2) on hand-computed fixtures', () => {
  it('OEE, throughput, quality, state shares, bottleneck and shift output over half an hour with a fault and a counter reset', () => {
    const { engine, clock } = fixtureEngine();
    state(engine, clock, 'A', T0, 'RUNNING');
    state(engine, clock, 'B', T0, 'RUNNING');
    count(engine, clock, 'B', T0, 100, 0); // first totals: a baseline, not output
    count(engine, clock, 'B', T0 + 5 * MIN, 105, 0); // +5: the first count opens the span performance is measured over
    count(engine, clock, 'B', T0 + 10 * MIN, 125, 5); // +20 good, +5 reject
    state(engine, clock, 'B', T0 + 15 * MIN, 'FAULT');
    state(engine, clock, 'B', T0 + 20 * MIN, 'RUNNING');
    state(engine, clock, 'A', T0 + 20 * MIN, 'STARVED');
    count(engine, clock, 'B', T0 + 25 * MIN, 10, 0); // the counter was reset: +10 good
    count(engine, clock, 'B', T0 + 30 * MIN, 20, 0); // +10 good
    const line = engine.snapshot().lines.L1;
    if (!line) throw new Error('line L1 expected');

    // B is the line's output (no conveyor leaves it). PBT 30 min, APT 25 min, PQ 50, GQ 45, PRU 20 s.
    // Performance: 45 units after the first count, over the 20 min B ran from it to the last count.
    expect(line.oee.availability).toBeCloseTo(25 / 30, 10);
    expect(line.oee.performance).toBeCloseTo((20 * 45) / (20 * 60), 10);
    expect(line.oee.quality).toBeCloseTo(45 / 50, 10);
    expect(line.oee.value).toBeCloseTo((25 / 30) * ((20 * 45) / (20 * 60)) * (45 / 50), 10);
    // 15 min window: 20 units. 60 min window, 30 min of data: 50 units in half an hour.
    expect(line).toMatchObject({ good: 45, reject: 5, throughputPerHour: 80, throughputPerHour60: 100, bottleneck: 'B' });
    expect(line.dataQuality).toBeUndefined();
    expect(line.shift).toEqual({ id: 'A', start: T0, end: T0 + 8 * H, output: 50, target: 450, expectedByNow: 30 });

    const b = line.stations?.B;
    expect(b?.stateShares.RUNNING).toBeCloseTo(25 / 30, 10);
    expect(b?.stateShares.FAULT).toBeCloseTo(5 / 30, 10);
    expect(b?.activeShare).toBeCloseTo(1, 10);
    expect(line.stations?.A?.activeShare).toBeCloseTo(20 / 30, 10);
    expect(line.stations?.A?.oee.availability).toBeCloseTo(20 / 30, 10);
  });

  it('planned busy time leaves out the break; performance counts what ran through it', () => {
    const start = T0 + 3 * H + 50 * MIN; // 09:50, the break is 10:00–10:30
    const { engine, clock } = fixtureEngine({ start });
    state(engine, clock, 'B', start, 'RUNNING');
    count(engine, clock, 'B', start, 0, 0);
    // 15 units every 5 minutes: exactly the 20 s ideal cycle, the break included.
    for (let k = 1; k <= 10; k++) count(engine, clock, 'B', start + k * 5 * MIN, 15 * k, 0);
    const line = engine.snapshot().lines.L1;
    // 20 min planned, all of it running.
    expect(line?.oee).toEqual({ value: 1, availability: 1, performance: 1, quality: 1 });
    // 4 h 10 min of the shift's 7 h 30 min planned time have passed at 10:40.
    expect(line?.shift?.expectedByNow).toBe(250);
  });

  it('shift totals start again at the shift change, with no work of the last shift in the new one’s performance; rolling rates go on', () => {
    const start = T0 + 7 * H + 50 * MIN; // 13:50; shift B starts 14:00
    const { engine, clock } = fixtureEngine({ start });
    state(engine, clock, 'B', start, 'RUNNING');
    count(engine, clock, 'B', start, 0, 0);
    count(engine, clock, 'B', start + 5 * MIN, 15, 0);
    // The unit counted at 14:05 was worked on since 13:55: 30 units for 10 minutes of work.
    count(engine, clock, 'B', start + 15 * MIN, 45, 0);
    for (let k = 1; k <= 5; k++) count(engine, clock, 'B', start + (15 + 5 * k) * MIN, 45 + 15 * k, 0);
    const line = engine.snapshot().lines.L1; // 14:30
    expect(line?.shift).toMatchObject({ id: 'B', output: 105 });
    expect(line?.good).toBe(105);
    expect(line?.oee.availability).toBe(1);
    // From 14:05 to 14:30: 75 units in 25 min, at the ideal cycle; all of shift B's 105 units over its 30 min would say 117 %.
    expect(line?.oee.performance).toBeCloseTo(1, 10);
    // The window (14:15, 14:30] holds 45 units; the hour, 120 units in the 40 min since 13:50.
    expect(line?.throughputPerHour).toBe(180);
    expect(line?.throughputPerHour60).toBe(180);
  });

  it('time without data is not planned busy time, and shows in the state timeline', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 600 });
    state(engine, clock, 'B', T0, 'RUNNING');
    feed(engine, clock, { kind: 'metrics', station: 'B', ts: T0 + 5 * MIN, values: { speed: 1 } });
    clock.set(T0 + 20 * MIN);
    engine.tick();
    state(engine, clock, 'B', T0 + 20 * MIN, 'IDLE');
    feed(engine, clock, { kind: 'metrics', station: 'B', ts: T0 + 25 * MIN, values: { speed: 1 } });
    clock.set(T0 + 30 * MIN);
    const b = engine.snapshot().lines.L1?.stations?.B;
    // Observed: 0–15 min running (stale 10 min after the last message), 20–30 idle.
    expect(b?.oee.availability).toBeCloseTo(15 / 25, 10);
    expect(b?.stateShares.IDLE).toBeCloseTo(10 / 25, 10);
    expect(engine.stateTimeline(['B']).stations.B).toEqual([
      { start: T0, state: 'OFFLINE', stale: true },
      { start: T0, state: 'RUNNING', stale: false },
      { start: T0 + 15 * MIN, state: 'RUNNING', stale: true },
      { start: T0 + 20 * MIN, state: 'IDLE', stale: false },
    ]);
  });

  it('keeps a trend point a minute, with gaps where a figure is not known yet', () => {
    const { engine, clock } = fixtureEngine();
    state(engine, clock, 'B', T0, 'RUNNING');
    count(engine, clock, 'B', T0, 0, 0);
    for (let k = 0; k < 6; k++) count(engine, clock, 'B', T0 + 30_000 + k * MIN, 3 * (k + 1), 0);
    clock.set(T0 + 6 * MIN);
    engine.tick();
    const trend = engine.kpiTrend('L1');
    expect(trend?.t).toEqual([1, 2, 3, 4, 5, 6].map((m) => T0 + m * MIN));
    // A rate needs five minutes of data; performance twenty.
    expect(trend?.throughputPerHour).toEqual([null, null, null, null, 180, 180]);
    expect(trend?.oee).toEqual([null, null, null, null, null, null]);
  });
});
