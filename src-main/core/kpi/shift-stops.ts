import type { ShiftCalendarSpec } from '../../shared/plant-schema';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A planned stop: a break (manual stations only), no shift planned, or a plant maintenance window. */
export interface StopWindow {
  kind: 'break' | 'off-shift' | 'maintenance';
  start: number;
  end: number;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The planned stops of the plant's shift calendar that overlap [from, to), earliest first. */
export function stopWindows(spec: ShiftCalendarSpec, from: number, to: number): StopWindow[] {
  const offset = spec.utcOffsetMinutes * MINUTE;
  const out: StopWindow[] = [];
  const shifts: Array<[number, number]> = [];
  // A shift lasts at most a day, so the day before `from` is the earliest that can reach into it.
  for (let day = Math.floor((from + offset) / DAY) - 1; day <= Math.floor((to + offset) / DAY) + 1; day += 1) {
    const midnight = day * DAY - offset;
    for (const s of spec.shifts) {
      const startMin = minutesOf(s.start);
      const start = midnight + startMin * MINUTE;
      shifts.push([start, start + s.hours * 60 * MINUTE]);
      for (const b of s.breaks) {
        const breakStart = start + ((minutesOf(b.start) - startMin + 1440) % 1440) * MINUTE;
        out.push({ kind: 'break', start: breakStart, end: breakStart + b.minutes * MINUTE });
      }
    }
  }
  shifts.sort((a, b) => a[0] - b[0]);
  let coveredUntil = shifts[0]?.[0] ?? from;
  for (const [start, end] of shifts) {
    if (start > coveredUntil) out.push({ kind: 'off-shift', start: coveredUntil, end: start });
    coveredUntil = Math.max(coveredUntil, end);
  }
  for (const m of spec.maintenance) out.push({ kind: 'maintenance', start: Date.parse(m.from), end: Date.parse(m.to) });
  return out.filter((w) => w.start < to && w.end > from).sort((a, b) => a.start - b.start || a.end - b.end);
}
