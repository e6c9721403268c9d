import { describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../src-main/shared/telemetry';
import { TraceBatcher, type MetricsRun } from '../../src-main/core/trace/trace-batch';

const T0 = 1_700_000_000_000;
const always = (): boolean => true;
const metrics = (station: string, ts: number, x: number): TelemetryEvent => ({ kind: 'metrics', station, ts, values: { x } });
const item = (station: string, item: string, event: 'enter' | 'leave' | 'scrap', ts: number): TelemetryEvent => ({ kind: 'item', line: 'L1', station, ts, item, event });
const runs = (batch: ReturnType<TraceBatcher['take']>): MetricsRun[] => batch.filter((e): e is MetricsRun => e.kind === 'metrics-run');

describe('TraceBatcher (the ingest thread’s share of the genealogy)', () => {
  it('summarises a station’s metrics between its item events as one entry, and batches none for an empty station', () => {
    const b = new TraceBatcher(100);
    b.add(metrics('A', T0, 1), always);
    b.add(item('A', 'I1', 'enter', T0 + 1), always);
    for (let k = 0; k < 50; k += 1) b.add(metrics('A', T0 + 2 + k, k), always);
    b.add(metrics('B', T0 + 3, 7), always);
    b.add(item('A', 'I1', 'leave', T0 + 100), always);
    b.add(metrics('A', T0 + 101, 99), always);
    const batch = b.take();
    expect(batch.map((e) => e.kind)).toEqual(['item', 'metrics-run', 'item']);
    expect(runs(batch)[0]?.metrics.get('x')).toEqual({ min: 0, max: 49, sum: 1225, n: 50 });
    expect(b.take()).toEqual([]);
  });

  it('keeps a station occupied while any of its items is inside, and knows the writer’s open visits from the start', () => {
    const b = new TraceBatcher(100, [['OLD', 'B']]);
    b.add(item('A', 'I1', 'enter', T0), always);
    b.add(item('A', 'I2', 'enter', T0), always);
    b.add(item('A', 'I1', 'scrap', T0 + 1), always);
    b.add(item('A', 'I1', 'leave', T0 + 2), always);
    b.add(metrics('A', T0 + 3, 1), always);
    b.add(metrics('B', T0 + 3, 1), always);
    expect(runs(b.take()).map((r) => r.station)).toEqual(['A', 'B']);
  });

  it('forgets the oldest stay past its bound, and counts on `room` for every new entry', () => {
    const b = new TraceBatcher(1);
    b.add(item('A', 'I1', 'enter', T0), always);
    b.add(item('B', 'I2', 'enter', T0), always);
    b.add(metrics('A', T0 + 1, 1), always);
    b.add(metrics('B', T0 + 1, 1), always);
    expect(runs(b.take()).map((r) => r.station)).toEqual(['B']);
    expect(b.add(item('B', 'I3', 'enter', T0 + 2), () => false)).toBe(false);
    expect(b.size).toBe(0);
  });
});
