import { describe, expect, it } from 'vitest';
import { STATION_STATES } from '../../src-main/shared/station-state';
import type { StationView } from '../../src-main/shared/views';
import { bodyColor, indicatorFor, PRIORITY_STYLE } from '../scene/state-style';
import { TIMELINE_FILL, TIMELINE_LEGEND, TIMELINE_STALE_FILL } from './StateTimeline';

const view = (state: StationView['state'], stale = false): StationView => ({ state, stale, since: 0, metrics: {}, good: 0, reject: 0, lastUpdate: 1 });
const ALARM_COLOURS = Object.values(PRIORITY_STYLE).map((p) => p.color.toLowerCase());
const isGrey = (hex: string): boolean => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return Math.max(r, g, b) - Math.min(r, g, b) <= 16;
};

describe('state timeline colours (ISA-101: states in the scene’s language, never an alarm’s)', () => {
  it('fills each state as the 3D view colours the machine in it', () => {
    for (const state of STATION_STATES) {
      // Idle is normal: a grey of its own, so that the bar tells it from running.
      if (state === 'IDLE') expect(isGrey(TIMELINE_FILL.IDLE)).toBe(true);
      else expect(TIMELINE_FILL[state]).toBe(bodyColor(indicatorFor(view(state))));
    }
    expect(TIMELINE_STALE_FILL).toBe(bodyColor(indicatorFor(view('RUNNING', true))));
  });

  it('never draws a state or stale data in an alarm priority colour; running is grey', () => {
    for (const fill of [...Object.values(TIMELINE_FILL), TIMELINE_STALE_FILL]) expect(ALARM_COLOURS).not.toContain(fill.toLowerCase());
    expect(isGrey(TIMELINE_FILL.RUNNING)).toBe(true);
    expect(TIMELINE_LEGEND.map((l) => l.fill)).toEqual(STATION_STATES.map((s) => TIMELINE_FILL[s]));
  });
});
