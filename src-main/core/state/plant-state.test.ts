import { describe, expect, it } from 'vitest';
import { tinyPlant } from '../../../test/support/plants';
import { PlantState, type CountDelta } from './plant-state';

describe('PlantState', () => {
  it('starts every station OFFLINE and stale, and keeps since when the state repeats', () => {
    const s = new PlantState(tinyPlant());
    expect(s.station('A')).toMatchObject({ state: 'OFFLINE', stale: true, lastUpdate: 0 });
    s.apply({ kind: 'state', station: 'A', ts: 1000, state: 'RUNNING' }, 1000);
    s.apply({ kind: 'state', station: 'A', ts: 5000, state: 'RUNNING' }, 5000);
    expect(s.station('A')).toMatchObject({ state: 'RUNNING', since: 1000, stale: false, lastUpdate: 5000 });
    s.apply({ kind: 'state', station: 'A', ts: 6000, state: 'FAULT', reason: 'jam' }, 6000);
    expect(s.station('A')).toMatchObject({ state: 'FAULT', since: 6000, reason: 'jam' });
  });

  it('treats a decreasing total as a counter reset, never as negative output', () => {
    const s = new PlantState(tinyPlant());
    const deltas: CountDelta[] = [];
    s.onCount((d) => deltas.push(d));
    s.apply({ kind: 'count', station: 'B', ts: 1, good: 100, reject: 2 }, 1);
    s.apply({ kind: 'count', station: 'B', ts: 2, good: 105, reject: 3 }, 2);
    s.apply({ kind: 'count', station: 'B', ts: 3, good: 4, reject: 0 }, 3);
    expect(s.station('B')).toMatchObject({ good: 109, reject: 3 });
    expect(deltas.map((d) => [d.good, d.reject])).toEqual([
      [5, 1],
      [4, 0],
    ]);
  });

  it('goes stale when told, keeps its state, and recovers on the next message', () => {
    const s = new PlantState(tinyPlant({ staleAfterSeconds: 10 }));
    s.apply({ kind: 'state', station: 'A', ts: 0, state: 'RUNNING' }, 1_000);
    s.takeDirty();
    s.markStale('A');
    expect(s.takeDirty()).toEqual(['A']);
    expect(s.station('A')?.stale).toBe(true);
    expect(s.station('A')?.state).toBe('RUNNING');
    s.apply({ kind: 'metrics', station: 'A', ts: 0, values: { t: 1 } }, 12_000);
    expect(s.station('A')?.stale).toBe(false);
  });

  it('reports only changed stations, once', () => {
    const s = new PlantState(tinyPlant());
    s.takeDirty();
    s.apply({ kind: 'metrics', station: 'B', ts: 0, values: { x: 1 } }, 1);
    expect(s.takeDirty()).toEqual(['B']);
    expect(s.takeDirty()).toEqual([]);
    expect(s.apply({ kind: 'metrics', station: 'nope', ts: 0, values: { x: 1 } }, 1)).toBe(false);
  });

  it('bounds the metrics kept per station and counts what it drops', () => {
    const s = new PlantState(tinyPlant());
    const values = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}`, i]));
    s.apply({ kind: 'metrics', station: 'A', ts: 0, values }, 1);
    expect(Object.keys(s.station('A')!.metrics)).toHaveLength(64);
    expect(s.droppedMetrics).toBe(36);
  });

  it('counts the items at a station from item events into its view (WIP)', () => {
    const s = new PlantState(tinyPlant());
    expect(s.station('A')?.wip).toBeUndefined();
    const item = (id: string, event: 'enter' | 'leave' | 'scrap') => s.apply({ kind: 'item', line: 'L1', station: 'A', ts: 1, item: id, event }, 1);
    item('t1', 'enter');
    item('t2', 'enter');
    item('t3', 'enter');
    item('t1', 'leave');
    item('t2', 'scrap');
    expect(s.station('A')?.wip).toBe(1);
    expect(s.wip('A')).toBe(1);
  });
});
