import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIFTS, shiftCalendarSchema } from '../../shared/plant-schema';
import { ShiftCalendar } from './shift-calendar';

const H = 3_600_000;
const MIN = 60_000;
const day = Date.UTC(2025, 0, 6);

describe('shift calendar', () => {
  const utc = new ShiftCalendar(shiftCalendarSchema.parse({ ...DEFAULT_SHIFTS, utcOffsetMinutes: 0 }));

  it('finds the shift of a moment, the night shift across midnight included', () => {
    expect(utc.shiftAt(day + 7 * H)).toEqual({ id: 'A', start: day + 6 * H, end: day + 14 * H });
    expect(utc.shiftAt(day + 3 * H)).toEqual({ id: 'C', start: day - 2 * H, end: day + 6 * H });
    expect(utc.nextShiftStart(day + 13 * H)).toBe(day + 14 * H);
    expect(utc.nextShiftStart(day + 14 * H)).toBe(day + 22 * H);
  });

  it('planned time excludes breaks, the night shift’s 02:00 break on its second day too', () => {
    expect(utc.plannedMs(day + 6 * H, day + 14 * H)).toBe(7.5 * H);
    expect(utc.plannedMs(day + 9 * H + 50 * MIN, day + 10 * H + 40 * MIN)).toBe(20 * MIN);
    expect(utc.plannedMs(day - 2 * H, day + 6 * H)).toBe(7.5 * H);
    expect(utc.plannedMs(day, day + 24 * H)).toBe(22.5 * H);
  });

  it('planned time excludes planned maintenance, without taking a break away twice', () => {
    const cal = new ShiftCalendar(
      shiftCalendarSchema.parse({ ...DEFAULT_SHIFTS, utcOffsetMinutes: 0, maintenance: [{ from: '2025-01-06T09:00:00Z', to: '2025-01-06T11:00:00Z' }] }),
    );
    // 09:00–11:00 holds the 10:00 break: 1.5 h of work are lost, not 2.
    expect(cal.plannedMs(day + 6 * H, day + 14 * H)).toBe(6 * H);
  });

  it('uses the plant’s local time: 06:00 in Qingdao is 22:00 UTC', () => {
    const qingdao = new ShiftCalendar(shiftCalendarSchema.parse(DEFAULT_SHIFTS));
    expect(qingdao.shiftAt(day + 23 * H)?.id).toBe('A');
    expect(qingdao.shiftAt(day + 23 * H)?.start).toBe(day + 22 * H);
  });

  it('gaps between shifts are unplanned', () => {
    const twoShifts = new ShiftCalendar(shiftCalendarSchema.parse({ utcOffsetMinutes: 0, shifts: [{ id: 'D', start: '08:00', hours: 8 }] }));
    expect(twoShifts.shiftAt(day + 20 * H)).toBeUndefined();
    expect(twoShifts.plannedMs(day, day + 24 * H)).toBe(8 * H);
  });
});
