import { describe, expect, it } from 'vitest';
import { plantClock, plantDateTime, plantTimeZone } from './plant-time';

/** 03:10 on 1 Dec 2026 in Qingdao (UTC+8). */
const STARVED_AT = Date.UTC(2026, 10, 30, 19, 10);

describe('plant time', () => {
  it('names the zone of a whole-hour UTC offset, POSIX signs and all, and none for part of an hour', () => {
    expect([plantTimeZone(480), plantTimeZone(0), plantTimeZone(-300), plantTimeZone(330)]).toEqual(['Etc/GMT-8', 'Etc/GMT', 'Etc/GMT+5', undefined]);
  });

  it("shows the plant's clock whatever the PC's zone, in both languages", () => {
    const zone = plantTimeZone(480);
    expect(plantClock(STARVED_AT, 'en', zone)).toBe('03:10:00');
    expect(plantClock(STARVED_AT, 'zh', zone, false)).toBe('03:10');
    expect(plantClock(STARVED_AT, 'en', plantTimeZone(0), false)).toBe('19:10');
    expect(plantDateTime(STARVED_AT, 'en', zone)).toBe('01/12/2026, 03:10:00');
    expect(plantDateTime(STARVED_AT, 'zh', zone)).toBe('2026/12/1 03:10:00');
  });
});
