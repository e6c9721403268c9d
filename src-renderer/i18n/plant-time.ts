import { useTwinStore } from '../store/twin-store';
import { LOCALE } from './strings';

/**
 * Times are shown at the plant's own clock (its shift calendar's UTC offset), whatever the
 * viewing PC's time zone: a press that starved at 03:10 reads 03:10 on an engineer's laptop
 * anywhere, and matches the shift calendar. As an IANA zone: `Etc/GMT-8` is UTC+8 (POSIX signs).
 * An offset of part of an hour has no such zone; the PC's own is used then.
 */
export function plantTimeZone(utcOffsetMinutes: number): string | undefined {
  if (utcOffsetMinutes % 60 !== 0) return undefined;
  const hours = -utcOffsetMinutes / 60;
  return hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '+' : ''}${hours}`;
}

/** The shown plant's time zone (the PC's before a plant is loaded). */
export const usePlantTimeZone = (): string | undefined => useTwinStore((s) => (s.plant ? plantTimeZone(s.plant.shifts.utcOffsetMinutes) : undefined));

/** A time of day at the plant, 24-hour, with or without seconds. */
export function plantClock(ms: number, lang: 'zh' | 'en', timeZone: string | undefined, seconds = true): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone }).format(new Date(ms));
}

/** Date and time at the plant, 24-hour. */
export function plantDateTime(ms: number, lang: 'zh' | 'en', timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23', timeZone }).format(new Date(ms));
}
