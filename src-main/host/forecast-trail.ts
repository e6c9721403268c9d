import type { ForecastCheckpoint, ForecastView } from '../shared/forecast';

const HOUR = 3_600_000;
/** The shift being forecast and the one before it, whose report is written just after it ends. */
const SHIFTS_KEPT = 2;

/**
 * The first forecast of each hour of a shift, per line, for the shift report: what the control
 * room was told during the shift beside what the shift made. Forecasts on too little data are
 * left out; only the last two shifts are kept.
 */
export class ForecastTrail {
  private readonly shifts = new Map<number, Map<string, ForecastCheckpoint[]>>();

  add(view: ForecastView): void {
    if (view.thinData !== undefined || view.shiftStart === undefined) return;
    const start = view.shiftStart;
    let lines = this.shifts.get(view.horizonEnd);
    if (!lines) {
      lines = new Map();
      this.shifts.set(view.horizonEnd, lines);
      const ends = [...this.shifts.keys()].sort((a, b) => a - b);
      for (const end of ends.slice(0, -SHIFTS_KEPT)) this.shifts.delete(end);
    }
    const hour = Math.floor((view.madeAt - start) / HOUR);
    for (const lf of Object.values(view.lines)) {
      const list = lines.get(lf.line) ?? [];
      const last = list.at(-1);
      if (last && Math.floor((last.madeAt - start) / HOUR) >= hour) continue;
      list.push({ madeAt: view.madeAt, output: lf.output, ...(lf.chanceOfTarget === undefined ? {} : { chanceOfTarget: lf.chanceOfTarget }) });
      lines.set(lf.line, list);
    }
  }

  /** The line's checkpoints of the shift ending at `shiftEnd`, oldest first. */
  of(line: string, shiftEnd: number): ForecastCheckpoint[] {
    return this.shifts.get(shiftEnd)?.get(line) ?? [];
  }
}
