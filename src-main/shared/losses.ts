/**
 * Shift loss analysis as the renderer, `/api/losses` and the shift report see it. Times are ms
 * since the epoch, durations ms; units are the line's output units.
 */

/** Where a stretch of an output station's time went (TPM six big losses on ISO 22400 times). */
export type LossCategory =
  | 'planned'
  | 'fault'
  | 'maintenance'
  | 'starved'
  | 'blocked'
  | 'idle'
  | 'no-data'
  | 'performance'
  | 'quality';

/** A step down the waterfall: station time of the line's output stations, and the units it stands for. */
export interface WaterfallStep {
  category: LossCategory;
  /** A fault's reason (the machine's alarm text), a planned stop's kind, a rejecting station; empty when the category says it all. */
  reason: string;
  ms: number;
  /** At the output stations' ideal cycle (ISO 22400 PRU); the performance step is what is left between run time and output. */
  units: number;
  /** The same units in minutes of the shift's bottleneck at its ideal rate. */
  bottleneckMinutes: number;
}

export interface WaterfallView {
  /** Shift time of the output stations, summed, and the units it would make at the ideal cycle. */
  calendarMs: number;
  /** How many output stations the times are summed over: a step's minutes of the line are its ms over this. */
  outputStations: number;
  calendarUnits: number;
  /** Planned stops, availability losses, performance, quality, in that order; units sum to calendarUnits − good exactly. */
  steps: WaterfallStep[];
  produced: number;
  good: number;
  target: number | null;
  /** Target pro rata to the planned time passed (the whole target at the shift's end). */
  expectedByNow: number | null;
  bottleneckCycleMs: number;
}

/** What stopped the line's output: a station that was itself down or slow, or a planned stop. */
export interface RootCauseRow {
  /** A station id; for a bank of parallel machines too slow as a whole, the bank's key (`line/type`). */
  station: string;
  line: string;
  category: LossCategory | 'slow';
  reason: string;
  lostUnits: number;
  /** Minutes of the line's output (output station time over the number of output stations). */
  lostMinutes: number;
  occurrences: number;
  /** Part of it was split with another cause at the same time. */
  ambiguous: boolean;
  /** When the first occurrence began: where the replay opens. */
  firstStart: number;
}

export interface BottleneckPeriod {
  start: number;
  end: number;
  /** The bank (stations of one type in one line) that was the momentary bottleneck. */
  bank: string;
  stations: string[];
  /** Its active period overlapped the next or previous bottleneck's: a shifting bottleneck (Roser). */
  shifting: boolean;
}

export interface BottleneckView {
  periods: BottleneckPeriod[];
  /** The bank that was the bottleneck longest, and its share of the analysed time. */
  main: { bank: string; stations: string[]; share: number } | null;
  /** More than one bank was the bottleneck for a tenth of the time or more. */
  shifting: boolean;
}

export interface ShiftRef {
  id: string;
  start: number;
  end: number;
}

export interface LossesView {
  plantId: string;
  line: string;
  shift: ShiftRef;
  /** Analysed up to here (now, live; the shift's end, or the recording's, afterwards). */
  to: number;
  waterfall: WaterfallView;
  pareto: RootCauseRow[];
  bottleneck: BottleneckView;
  /** State changes and counts the bounded shift log had to drop: the analysis misses them. */
  dropped: number;
}

/** A written shift report. */
export interface ReportEntry {
  /** File name under `<data-dir>/reports/`. */
  name: string;
  line: string;
  shift: ShiftRef;
  lang: 'zh' | 'en';
  format: 'html' | 'pdf';
  bytes: number;
  /** Set when the file is not what was asked for (a PDF in English for want of a CJK font). */
  note?: string;
}
