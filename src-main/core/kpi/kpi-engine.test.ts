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
    count(engine, clock, 'B', T0 + 10 * MIN, 125, 5); // +25 good, +5 reject
    state(engine, clock, 'B', T0 + 15 * MIN, 'FAULT');
    state(engine, clock, 'B', T0 + 20 * MIN, 'RUNNING');
    state(engine, clock, 'A', T0 + 20 * MIN, 'STARVED');
    count(engine, clock, 'B', T0 + 25 * MIN, 10, 0); // the counter was reset: +10 good
    clock.set(T0 + 30 * MIN);
    const line = engine.snapshot().lines.L1;
    if (!line) throw new Error('line L1 expected');

    // B is the line's output (no conveyor leaves it). PBT 30 min, APT 25 min, PQ 40, GQ 35, ideal 20 s.
    expect(line.oee.availability).toBeCloseTo(25 / 30, 10);
    expect(line.oee.performance).toBeCloseTo((20 * 40) / (25 * 60), 10);
    expect(line.oee.quality).toBeCloseTo(35 / 40, 10);
    expect(line.oee.value).toBeCloseTo((25 / 30) * ((20 * 40) / (25 * 60)) * (35 / 40), 10);
    expect(line).toMatchObject({ good: 35, reject: 5, throughputPerHour: 40, throughputPerHour60: 80, bottleneck: 'B' });
    expect(line.shift).toEqual({ id: 'A', start: T0, end: T0 + 8 * H, output: 40, target: 450, expectedByNow: 30 });

    const b = line.stations?.B;
    expect(b?.stateShares.RUNNING).toBeCloseTo(25 / 30, 10);
    expect(b?.stateShares.FAULT).toBeCloseTo(5 / 30, 10);
    expect(b?.activeShare).toBeCloseTo(1, 10);
    expect(line.stations?.A?.activeShare).toBeCloseTo(20 / 30, 10);
    expect(line.stations?.A?.oee.availability).toBeCloseTo(20 / 30, 10);
  });

  it('planned busy time leaves out the break', () => {
    const start = T0 + 3 * H + 50 * MIN; // 09:50, the break is 10:00–10:30
    const { engine, clock } = fixtureEngine({ start });
    state(engine, clock, 'B', start, 'RUNNING');
    count(engine, clock, 'B', start, 0, 0);
    count(engine, clock, 'B', start + 50 * MIN, 60, 0);
    const line = engine.snapshot().lines.L1;
    // 20 min planned, all of it running; 60 units × 20 s = 20 min of ideal time.
    expect(line?.oee).toEqual({ value: 1, availability: 1, performance: 1, quality: 1 });
    // 4 h 10 min of the shift's 7 h 30 min planned time have passed at 10:40.
    expect(line?.shift?.expectedByNow).toBe(250);
  });

  it('shift totals start again at the shift change, rolling rates do not', () => {
    const start = T0 + 7 * H + 50 * MIN; // 13:50; shift B starts 14:00
    const { engine, clock } = fixtureEngine({ start });
    state(engine, clock, 'B', start, 'RUNNING');
    count(engine, clock, 'B', start, 0, 0);
    count(engine, clock, 'B', start + 5 * MIN, 15, 0);
    count(engine, clock, 'B', start + 15 * MIN, 30, 0);
    clock.set(start + 20 * MIN);
    const line = engine.snapshot().lines.L1;
    expect(line?.shift).toMatchObject({ id: 'B', output: 15 });
    expect(line?.good).toBe(15);
    expect(line?.oee.availability).toBe(1);
    expect(line?.oee.performance).toBeCloseTo((15 * 20) / (10 * 60), 10);
    // The window (13:55, 14:10] holds the 15 units counted at 14:05.
    expect(line?.throughputPerHour).toBe(60);
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

  it('keeps a trend point a minute', () => {
    const { engine, clock } = fixtureEngine();
    state(engine, clock, 'B', T0, 'RUNNING');
    count(engine, clock, 'B', T0, 0, 0);
    count(engine, clock, 'B', T0 + 90_000, 3, 0);
    clock.set(T0 + 3 * MIN);
    engine.tick();
    const trend = engine.kpiTrend('L1');
    expect(trend?.t).toEqual([T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
    expect(trend?.throughputPerHour).toEqual([0, 90, 60]);
  });
});
