/** Good output at shift end over the replications: mean and the P10–P90 band. */
export interface OutputBand {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface LineForecast {
  line: string;
  /** Good units of the line's output stations in the shift so far. */
  soFar: number;
  /** Good units at shift end (so far + forecast). */
  output: OutputBand;
  target?: number;
  /** Share of replications that reach the target. */
  chanceOfTarget?: number;
  /** The bank with the longest active share over the horizon in most replications. */
  bottleneck?: { type: string; stations: string[]; share: number };
  /**
   * When the line's output is expected to drop below the target pro rata to the planned time
   * (median over replications); null when in most replications it does not.
   */
  fallsBehindAt?: number | null;
}

/** A line's forecast as it stood at one moment of a shift: what the shift report sets against the output. */
export interface ForecastCheckpoint {
  madeAt: number;
  output: OutputBand;
  chanceOfTarget?: number;
}

/** What a forecast assumed in place of data, named so the UI can say it in the reader's language. */
export type ForecastAssumptionCode =
  /** Buffer contents are not in the telemetry: inferred from the states around them (starved → empty, blocked → full, else half). */
  | 'buffers-inferred'
  /** Stations with no cycle-progress metric: where each is in its cycle is drawn at random. */
  | 'cycle-phase-drawn'
  /** Remaining repair and stop times drawn from the station type's distribution, given how long they have lasted. */
  | 'repairs-conditioned'
  /** Cycle, failure and repair distributions are the station profiles' defaults (the plant file's ideal cycles). */
  | 'profile-defaults'
  /** Stations without data or stale: started as a running plant would be. */
  | 'stations-without-data'
  /** Stations whose cycle, failure or repair figures were moved from the prior by what the twin observed. */
  | 'calibrated';

export interface ForecastAssumption {
  code: ForecastAssumptionCode;
  /** How many stations or buffers it applies to, where that counts. */
  count?: number;
}

/** One figure of a station's forecast model: the plant file's or profile's value (the prior), what the twin's observations make of it, and on how many they rest. */
export interface CalibratedFigure {
  prior: number;
  value: number;
  /** Observations behind `value`: cycles, repairs, or failures seen. */
  n: number;
}

/** The station's forecast model as calibrated from what the twin observed. */
export interface StationCalibration {
  /** Process time against the profile's (1 = as the plant file says). */
  cycleFactor: CalibratedFigure;
  /** Mean time between failures, hours; `observedH` of running time were watched. */
  mtbfH: CalibratedFigure & { observedH: number };
  /** Mean time to repair, minutes. */
  mttrMin: CalibratedFigure;
}

/** The forecast's error measured on a recorded shift (back-test): forecasts made at each hour of it against its end. */
export interface MeasuredError {
  /** Start of the recorded shift it was measured on. */
  recordingStart: number;
  shiftId: string;
  lines: number;
  replications: number;
  byHour: Array<{ hour: number; meanAbsError: number; meanAbsErrorShare: number; inBandShare: number }>;
}

export interface ForecastView {
  plantId: string;
  /** Clock time the forecast starts from. */
  madeAt: number;
  /** Start of the shift it forecasts. */
  shiftStart?: number;
  /** Shift end: the horizon. */
  horizonEnd: number;
  shiftId?: string;
  replications: number;
  lines: Record<string, LineForecast>;
  assumptions: ForecastAssumption[];
  /** Set when the data is too thin to trust the figures: why. */
  thinData?: 'no-data' | 'mostly-stale' | 'no-shift';
  /** Time the forecast computed, ms: waits while it gave way to ingest left out. */
  computeMs: number;
  /** The app's pipeline is saturated now: the forecast is slowed so ingest keeps up, and refreshes later than usual. */
  slowedForIngest?: true;
  /** The stations' models it ran with, where observations moved them from the prior. */
  calibration?: Record<string, StationCalibration>;
  /** How far off such forecasts were on a recorded shift of this plant, when one has been back-tested. */
  measuredError?: MeasuredError;
}

/** One change a what-if applies to the forecast; nothing is sent to the plant. */
export type WhatIfChange =
  /** The station down for `minutes`, from `at` (clock ms) or now. */
  | { kind: 'down'; station: string; minutes: number; at?: number }
  /** The station's process times multiplied by `factor` (1.1 = 10 % slower). */
  | { kind: 'cycle'; station: string; factor: number }
  /** One more machine like `station` in its bank (+1), or `station` taken out (−1). */
  | { kind: 'machines'; station: string; delta: 1 | -1 }
  /** The buffer between the banks of two stations holds `capacity` units. */
  | { kind: 'buffer'; from: string; to: string; capacity: number }
  /** The shift's break `index` starts at `start` (HH:MM) instead. */
  | { kind: 'break'; shift: string; index: number; start: string };

export interface WhatIfRequest {
  changes: WhatIfChange[];
  line?: string;
}

export interface WhatIfView {
  changes: WhatIfChange[];
  baseline: ForecastView;
  changed: ForecastView;
  /** Mean good output at shift end, changed minus baseline, per line. */
  difference: Record<string, number>;
}

const MAX_CHANGES = 20;
const MAX_MINUTES = 24 * 60;

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isFiniteIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

function parseChange(c: unknown): WhatIfChange | string {
  if (typeof c !== 'object' || c === null) return 'a change is an object';
  const o = c as Record<string, unknown>;
  switch (o.kind) {
    case 'down':
      if (!isId(o.station)) return 'down: station';
      if (!isFiniteIn(o.minutes, 1, MAX_MINUTES)) return `down: minutes 1–${MAX_MINUTES}`;
      if (o.at !== undefined && !isFiniteIn(o.at, 0, 8.64e15)) return 'down: at is clock ms';
      return { kind: 'down', station: o.station, minutes: o.minutes, ...(o.at !== undefined ? { at: o.at as number } : {}) };
    case 'cycle':
      if (!isId(o.station)) return 'cycle: station';
      if (!isFiniteIn(o.factor, 0.2, 5)) return 'cycle: factor 0.2–5';
      return { kind: 'cycle', station: o.station, factor: o.factor };
    case 'machines':
      if (!isId(o.station)) return 'machines: station';
      if (o.delta !== 1 && o.delta !== -1) return 'machines: delta 1 or -1';
      return { kind: 'machines', station: o.station, delta: o.delta };
    case 'buffer':
      if (!isId(o.from) || !isId(o.to)) return 'buffer: from and to stations';
      if (!isFiniteIn(o.capacity, 1, 100_000) || !Number.isInteger(o.capacity)) return 'buffer: capacity 1–100000';
      return { kind: 'buffer', from: o.from, to: o.to, capacity: o.capacity };
    case 'break':
      if (!isId(o.shift)) return 'break: shift';
      if (!isFiniteIn(o.index, 0, 20) || !Number.isInteger(o.index)) return 'break: index';
      if (typeof o.start !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(o.start)) return 'break: start HH:MM';
      return { kind: 'break', shift: o.shift, index: o.index, start: o.start };
    default:
      return 'kind: down, cycle, machines, buffer or break';
  }
}

/** A what-if request from outside (HTTP body, bridge params), checked; a string says what is wrong. */
export function parseWhatIf(body: unknown): WhatIfRequest | string {
  if (typeof body !== 'object' || body === null) return 'body: {changes: [...]}';
  const { changes, line } = body as Record<string, unknown>;
  if (!Array.isArray(changes) || changes.length === 0 || changes.length > MAX_CHANGES) return `changes: 1–${MAX_CHANGES} changes`;
  if (line !== undefined && !isId(line)) return 'line: a line id';
  const parsed: WhatIfChange[] = [];
  for (const c of changes) {
    const r = parseChange(c);
    if (typeof r === 'string') return r;
    parsed.push(r);
  }
  return { changes: parsed, ...(line !== undefined ? { line } : {}) };
}
