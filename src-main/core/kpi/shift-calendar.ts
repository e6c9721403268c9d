import type { ShiftCalendarSpec } from '../../shared/plant-schema';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface ShiftSpan {
  id: string;
  start: number;
  end: number;
}

interface DailyShift {
  id: string;
  /** Offset of the shift start from local midnight. */
  startMs: number;
  lengthMs: number;
  /** Breaks as offsets from the shift start, so a night shift's 02:00 break lands on its second day. */
  breaks: Array<[number, number]>;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Length of the overlap of [a0, a1) and [b0, b1). */
const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * The plant's shift calendar in absolute time: which shift a moment belongs to and how much
 * planned busy time (ISO 22400 PBT) lies in an interval, breaks and planned maintenance excluded.
 */
export class ShiftCalendar {
  private readonly offsetMs: number;
  private readonly daily: DailyShift[];
  private readonly maintenance: Array<[number, number]>;

  constructor(spec: ShiftCalendarSpec) {
    this.offsetMs = spec.utcOffsetMinutes * MINUTE;
    this.daily = spec.shifts.map((s) => {
      const startMin = minutesOf(s.start);
      return {
        id: s.id,
        startMs: startMin * MINUTE,
        lengthMs: s.hours * 60 * MINUTE,
        breaks: s.breaks.map((b) => {
          const from = ((minutesOf(b.start) - startMin + 1440) % 1440) * MINUTE;
          return [from, from + b.minutes * MINUTE] as [number, number];
        }),
      };
    });
    this.maintenance = spec.maintenance.map((m) => [Date.parse(m.from), Date.parse(m.to)]);
  }

  /** The shift that contains `t`, or undefined in unplanned time between shifts. */
  shiftAt(t: number): ShiftSpan | undefined {
    for (const s of this.spansAround(t, t)) if (s.start <= t && t < s.end) return s;
    return undefined;
  }

  /** The first shift start after `t`: where shift totals roll over. */
  nextShiftStart(t: number): number {
    let best = Infinity;
    for (const s of this.spansAround(t, t + DAY)) if (s.start > t && s.start < best) best = s.start;
    return best;
  }

  /** Planned busy time in [from, to): shift time minus breaks minus planned maintenance. */
  plannedMs(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    for (const s of this.spansAround(from, to)) {
      const inShift = overlap(from, to, s.start, s.end);
      if (inShift === 0) continue;
      const daily = this.daily.find((d) => d.id === s.id);
      let breaks = 0;
      for (const [b0, b1] of daily?.breaks ?? []) breaks += overlap(from, to, s.start + b0, s.start + b1);
      total += inShift - breaks;
    }
    for (const [m0, m1] of this.maintenance) {
      if (overlap(from, to, m0, m1) > 0) total -= this.workingMsIn(Math.max(from, m0), Math.min(to, m1));
    }
    return Math.max(0, total);
  }

  /** Shift time minus breaks in [from, to), maintenance ignored: what a maintenance window takes away. */
  private workingMsIn(from: number, to: number): number {
    let total = 0;
    for (const s of this.spansAround(from, to)) {
      total += overlap(from, to, s.start, s.end);
      const daily = this.daily.find((d) => d.id === s.id);
      for (const [b0, b1] of daily?.breaks ?? []) total -= overlap(from, to, s.start + b0, s.start + b1);
    }
    return total;
  }

  /** Every shift occurrence that can touch [from, to]: shifts last at most a day. */
  private spansAround(from: number, to: number): ShiftSpan[] {
    const firstDay = Math.floor((from + this.offsetMs) / DAY) - 1;
    const lastDay = Math.floor((to + this.offsetMs) / DAY);
    const out: ShiftSpan[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      const midnight = day * DAY - this.offsetMs;
      for (const d of this.daily) out.push({ id: d.id, start: midnight + d.startMs, end: midnight + d.startMs + d.lengthMs });
    }
    return out;
  }
}
