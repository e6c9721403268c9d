import { describe, expect, it } from 'vitest';
import { STATION_STATES } from '../../src-main/shared/station-state';
import type { AlarmView, StationView } from '../../src-main/shared/views';
import { alarmPriorities, bodyColor, indicatorFor, indicatorLabel, indicatorTile, NORMAL_GREY, PRIORITY_STYLE, STATE_STYLE, urgencyOf } from './state-style';

const view = (state: StationView['state'], stale = false): StationView => ({ state, stale, since: 0, metrics: {}, good: 0, reject: 0, lastUpdate: 1 });
const alarm = (station: string, priority: 1 | 2 | 3 | 4, state: AlarmView['state'] = 'UNACK_ACTIVE'): AlarmView => ({ id: `${station}-${priority}`, station, priority, state, text: '', activeSince: 0 });
const PRIORITY_TILES = [0, 1, 2, 3];
const PRIORITY_LABEL = /^(square|triangle|diamond|circle)-[1-4]$/;

describe('indicator mapping (ISA-101: alarm priorities by shape and number; states by their own look)', () => {
  it('gives no machine state a priority shape, number or tile while no alarm is active', () => {
    for (const state of STATION_STATES) {
      for (const stale of [false, true]) {
        const ind = indicatorFor(view(state, stale));
        expect(ind.kind).not.toBe('alarm');
        expect(indicatorLabel(ind)).not.toMatch(PRIORITY_LABEL);
        expect(PRIORITY_TILES).not.toContain(indicatorTile(ind));
        expect(Object.keys(ind)).not.toContain('priority');
        expect(Object.keys(ind)).not.toContain('shape');
      }
    }
    for (const s of Object.values(STATE_STYLE)) expect(Object.values(PRIORITY_STYLE).map((p) => p.color)).not.toContain(s.color);
  });

  it('shows abnormal states as state rings, each its own; running and idle show nothing', () => {
    expect(indicatorLabel(indicatorFor(view('STARVED')))).toBe('state-STARVED');
    expect(indicatorLabel(indicatorFor(view('BLOCKED')))).toBe('state-BLOCKED');
    expect(indicatorLabel(indicatorFor(view('FAULT')))).toBe('state-FAULT');
    expect(indicatorLabel(indicatorFor(view('MAINTENANCE')))).toBe('state-MAINTENANCE');
    expect(indicatorLabel(indicatorFor(view('RUNNING')))).toBe('none');
    expect(indicatorLabel(indicatorFor(view('IDLE')))).toBe('none');
    expect(new Set(Object.values(STATE_STYLE).map((s) => s.pattern)).size).toBe(Object.keys(STATE_STYLE).length);
  });

  it('never shows stale data as its last state; offline differs from stale', () => {
    expect(indicatorLabel(indicatorFor(view('FAULT', true)))).toBe('stale');
    expect(indicatorLabel(indicatorFor(undefined))).toBe('stale');
    expect(indicatorLabel(indicatorFor(view('OFFLINE')))).toBe('offline');
    expect(indicatorTile(indicatorFor(view('OFFLINE')))).not.toBe(indicatorTile(indicatorFor(undefined)));
  });

  it('shows an active alarm by its priority, keeping the machine tinted by its state', () => {
    expect(indicatorLabel(indicatorFor(view('RUNNING'), 2))).toBe('triangle-2');
    expect(indicatorFor(view('RUNNING'), 2).kind).toBe('alarm');
    expect(indicatorLabel(indicatorFor(view('FAULT'), 3))).toBe('diamond-3');
    expect(indicatorLabel(indicatorFor(view('STARVED'), 1))).toBe('square-1');
    expect(bodyColor(indicatorFor(view('STARVED'), 1))).toBe(STATE_STYLE.STARVED.color);
    expect(bodyColor(indicatorFor(view('RUNNING'), 1))).toBe(NORMAL_GREY);
  });

  it('ranks every alarm before every abnormal state for the tour', () => {
    const alarms = [1, 2, 3, 4].map((p) => urgencyOf(indicatorFor(view('RUNNING'), p as 1 | 2 | 3 | 4)));
    const states = (['FAULT', 'BLOCKED', 'STARVED', 'MAINTENANCE'] as const).map((s) => urgencyOf(indicatorFor(view(s))));
    expect(Math.max(...alarms)).toBeLessThan(Math.min(...states));
    expect(urgencyOf(indicatorFor(view('RUNNING')))).toBeGreaterThan(urgencyOf(indicatorFor(undefined)));
  });

  it('takes the highest priority of the alarms that need attention, per station', () => {
    const p = alarmPriorities([alarm('A', 3), alarm('A', 2), alarm('B', 1, 'SHELVED'), alarm('C', 4, 'RTN_UNACK'), alarm('D', 1, 'NORMAL')]);
    expect(Object.fromEntries(p)).toEqual({ A: 2, C: 4 });
  });

  it('gives every indicator its own atlas tile', () => {
    const tiles = [view('FAULT'), view('BLOCKED'), view('STARVED'), view('MAINTENANCE'), view('OFFLINE'), view('IDLE', true)].map((v) => indicatorTile(indicatorFor(v)));
    tiles.push(...[1, 2, 3, 4].map((p) => indicatorTile(indicatorFor(view('RUNNING'), p as 1 | 2 | 3 | 4))));
    expect(new Set(tiles).size).toBe(tiles.length);
    expect(indicatorTile(indicatorFor(view('RUNNING')))).toBe(-1);
  });
});
