import { describe, expect, it } from 'vitest';
import type { AlarmView, StationView } from '../../src-main/shared/views';
import { alarmPriorities, indicatorFor, indicatorLabel, indicatorTile } from './state-style';

const view = (state: StationView['state'], stale = false): StationView => ({ state, stale, since: 0, metrics: {}, good: 0, reject: 0, lastUpdate: 1 });
const alarm = (station: string, priority: 1 | 2 | 3 | 4, state: AlarmView['state'] = 'UNACK_ACTIVE'): AlarmView => ({ id: `${station}-${priority}`, station, priority, state, text: '', activeSince: 0 });

describe('indicator mapping (ISA-101: shape and number, not colour alone)', () => {
  it('maps abnormal states to shape and priority', () => {
    expect(indicatorLabel(indicatorFor(view('FAULT')))).toBe('square-1');
    expect(indicatorLabel(indicatorFor(view('BLOCKED')))).toBe('triangle-2');
    expect(indicatorLabel(indicatorFor(view('STARVED')))).toBe('diamond-3');
    expect(indicatorLabel(indicatorFor(view('MAINTENANCE')))).toBe('circle-4');
    expect(indicatorLabel(indicatorFor(view('RUNNING')))).toBe('none');
    expect(indicatorLabel(indicatorFor(view('IDLE')))).toBe('none');
  });

  it('never shows stale data as its last state; offline differs from stale', () => {
    expect(indicatorLabel(indicatorFor(view('FAULT', true)))).toBe('stale');
    expect(indicatorLabel(indicatorFor(undefined))).toBe('stale');
    expect(indicatorLabel(indicatorFor(view('OFFLINE')))).toBe('offline');
    expect(indicatorTile(indicatorFor(view('OFFLINE')))).not.toBe(indicatorTile(indicatorFor(undefined)));
  });

  it('shows the more urgent of state and active alarm', () => {
    expect(indicatorLabel(indicatorFor(view('RUNNING'), 2))).toBe('triangle-2');
    expect(indicatorFor(view('RUNNING'), 2).kind).toBe('alarm');
    expect(indicatorLabel(indicatorFor(view('FAULT'), 3))).toBe('square-1');
    expect(indicatorLabel(indicatorFor(view('STARVED'), 1))).toBe('square-1');
  });

  it('takes the highest priority of the alarms that need attention, per station', () => {
    const p = alarmPriorities([alarm('A', 3), alarm('A', 2), alarm('B', 1, 'SHELVED'), alarm('C', 4, 'RTN_UNACK'), alarm('D', 1, 'NORMAL')]);
    expect(Object.fromEntries(p)).toEqual({ A: 2, C: 4 });
  });

  it('gives every indicator its own atlas tile', () => {
    const tiles = [view('FAULT'), view('BLOCKED'), view('STARVED'), view('MAINTENANCE'), view('OFFLINE'), view('IDLE', true)].map((v) => indicatorTile(indicatorFor(v)));
    expect(new Set(tiles).size).toBe(tiles.length);
    expect(indicatorTile(indicatorFor(view('RUNNING')))).toBe(-1);
  });
});
