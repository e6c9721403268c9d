import type { BottleneckPeriod, LossesView, RootCauseRow, WaterfallView } from '../../src-main/shared/losses';
import { NORMAL_GREY, STATE_STYLE } from '../scene/state-style';

/** One bar of the waterfall: where it starts and how long it is, as fractions of the shift's units. */
export interface WaterfallBar {
  key: string;
  kind: 'total' | 'loss' | 'good';
  category: string;
  reason: string;
  units: number;
  minutes: number;
  from: number;
  width: number;
}

/** The waterfall as floating bars: shift time at the top, each loss hanging from what is left, good output at the bottom. */
export function waterfallBars(w: WaterfallView): WaterfallBar[] {
  const total = w.calendarUnits;
  if (total <= 0) return [];
  const bars: WaterfallBar[] = [{ key: 'calendar', kind: 'total', category: 'calendar', reason: '', units: total, minutes: w.calendarMs / 60_000, from: 0, width: 1 }];
  let left = total;
  for (const s of w.steps) {
    // A negative loss (more made than the run time allows at the ideal cycle) is shown as it is: a bar growing back.
    const next = left - s.units;
    bars.push({ key: `${s.category}:${s.reason}`, kind: 'loss', category: s.category, reason: s.reason, units: s.units, minutes: s.bottleneckMinutes, from: Math.min(left, next) / total, width: Math.abs(s.units) / total });
    left = next;
  }
  bars.push({ key: 'good', kind: 'good', category: 'good', reason: '', units: w.good, minutes: 0, from: 0, width: Math.max(0, w.good) / total });
  return bars;
}

/** Colour of a loss: the machine-state hues of the 3D view (ISA-101), grey for what is no state. */
export function lossColor(category: string): string {
  switch (category) {
    case 'fault':
      return STATE_STYLE.FAULT.color;
    case 'maintenance':
      return STATE_STYLE.MAINTENANCE.color;
    case 'starved':
      return STATE_STYLE.STARVED.color;
    case 'blocked':
    case 'slow':
      return STATE_STYLE.BLOCKED.color;
    default:
      return NORMAL_GREY;
  }
}

/** The band as segments across the analysed time, each with its share of the width. */
export function bandSegments(periods: BottleneckPeriod[], from: number, to: number): Array<BottleneckPeriod & { left: number; width: number }> {
  const span = to - from;
  if (span <= 0) return [];
  return periods.map((p) => ({ ...p, left: (p.start - from) / span, width: (p.end - p.start) / span }));
}

/** A stable grey level per bank, so that the band tells banks apart without a state or alarm hue. */
export function bankShade(bank: string, banks: readonly string[]): string {
  const i = Math.max(0, banks.indexOf(bank));
  const level = 90 + ((i * 47) % 120);
  return `rgb(${level}, ${level + 6}, ${level + 12})`;
}

export interface LossRing {
  station: string;
  lostUnits: number;
  /** 0–1: this station's share of the largest root cause's lost units. */
  weight: number;
  color: string;
}

/** Root-cause stations with what they cost, summed over their causes: the rings of the 3D view. */
export function lossRings(view: LossesView | undefined, max = 8): LossRing[] {
  if (!view) return [];
  const byStation = new Map<string, { units: number; top: RootCauseRow }>();
  for (const r of view.pareto) {
    if (r.lostUnits <= 0) continue;
    const acc = byStation.get(r.station);
    if (acc) acc.units += r.lostUnits;
    else byStation.set(r.station, { units: r.lostUnits, top: r });
  }
  const rows = [...byStation.entries()].sort((a, b) => b[1].units - a[1].units).slice(0, max);
  const most = rows[0]?.[1].units ?? 0;
  return rows.map(([station, { units, top }]) => ({ station, lostUnits: units, weight: most > 0 ? units / most : 0, color: lossColor(top.category) }));
}
