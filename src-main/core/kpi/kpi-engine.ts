import type { LineSpec, PlantFile } from '../../shared/plant-schema';
import { STATION_STATES, type StationState } from '../../shared/station-state';
import type { TelemetryEvent } from '../../shared/telemetry';
import type { DataQualityFlag, KpiTrendView, LineView, OeeView, StateTimelineView, StationKpiView } from '../../shared/views';
import type { CountDelta } from '../state/plant-state';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../keyframe-json';
import { RingSeries, type RingSeriesKeyframe } from './ring-series';
import { ShiftCalendar, type ShiftSpan } from './shift-calendar';
import { TimeWindow, type TimeWindowKeyframe } from './time-window';

const MINUTE = 60_000;
const WINDOW_15 = 15 * MINUTE;
const WINDOW_60 = 60 * MINUTE;
/**
 * A rate over a window not yet full of data is told only once the data spans this long, this
 * many ideal cycles and this many counts: one count in a few seconds is no rate.
 */
const MIN_RATE_SPAN = 5 * MINUTE;
const MIN_RATE_CYCLES = 3;
const MIN_RATE_COUNTS = 2;
/**
 * Performance is told once the counted span has run this long and holds this many units: over
 * a few minutes, units that finish close together (a test room's bays, a carousel's fixtures)
 * say little about the pace.
 */
const MIN_PERF_SPAN = 20 * MINUTE;
const MIN_PERF_UNITS = 3;
/** Performance above 1 by less than this is floating-point noise, not a fault. */
const PERFORMANCE_EPSILON = 1e-9;
const MAX_COUNT_SAMPLES = 8192;
/** State changes kept per station (the oldest make room): hours of history even for a station that changes every few seconds. */
const MAX_TIMELINE = 2048;
/** One trend point a minute for 12 hours. */
const MAX_TREND_POINTS = 720;
/** Not waiting for material or space: the active period method's "active" (Roser). */
const ACTIVE_STATES: ReadonlySet<StationState> = new Set(['RUNNING', 'FAULT', 'MAINTENANCE']);
/** A longer jump of the clock (a replay opened at another day, a test clock set from 0) is not lived through minute by minute. */
const MAX_CATCH_UP = 24 * 60 * MINUTE;

/** A state change: `state` indexes STATION_STATES, `stale` is 0 or 1. */
type TimelineColumn = 'start' | 'state' | 'stale';
const TIMELINE_COLUMNS: readonly TimelineColumn[] = ['start', 'state', 'stale'];
const TREND_COLUMNS = ['t', 'throughputPerHour', 'oee'] as const;
const stateIndex = (state: StationState): number => STATION_STATES.indexOf(state);
const timelineEntry = (timeline: RingSeries<TimelineColumn>, i: number): { start: number; state: StationState; stale: boolean } => ({
  start: timeline.at(i, 'start'),
  state: STATION_STATES[timeline.at(i, 'state')] as StationState,
  stale: timeline.at(i, 'stale') === 1,
});

/** ISO 22400-2 quantities of the current shift. */
interface ShiftTotals {
  /** Planned busy time while the station's data was present. */
  pbt: number;
  /** Actual production time: RUNNING within planned time. */
  apt: number;
  pq: number;
  gq: number;
  /** RUNNING time, planned or not: a press cures through the meal break, and those tires count. */
  runMs: number;
  /** `runMs` at the shift's first count: performance is measured from there. */
  perfFrom: number | undefined;
  /** `runMs` at the latest count: time after it is a unit still in process. */
  perfTo: number;
  /** Units counted after the first count. */
  perfUnits: number;
}

/** Ideal time (PRU × units) and running time of the counted span, summed over stations for a line. */
interface PerfSpan {
  idealMs: number;
  runMs: number;
}

interface StationAcc {
  id: string;
  idealMs: number;
  state: StationState;
  stale: boolean;
  firstSeen: number | undefined;
  accruedTo: number;
  counts: TimeWindow;
  shift: ShiftTotals;
  timeline: RingSeries<TimelineColumn>;
}

interface LineAcc {
  spec: LineSpec;
  stations: StationAcc[];
  outputs: StationAcc[];
  trend: RingSeries<(typeof TREND_COLUMNS)[number]>;
}

/** What a keyframe holds of a station: its accumulators as they stand. */
interface StationKeyframe {
  state: StationState;
  stale: boolean;
  firstSeen: number | null;
  accruedTo: number;
  counts: TimeWindowKeyframe;
  shift: Omit<ShiftTotals, 'perfFrom'> & { perfFrom: number | null };
  timeline: RingSeriesKeyframe;
}

/** The KPI engine's part of an engine keyframe (see Engine.keyframe). */
export interface KpiKeyframe {
  now: number;
  nextShiftStart: JsonNumber;
  nextTrendAt: number;
  stations: Record<string, StationKeyframe>;
  trends: Record<string, RingSeriesKeyframe>;
}

const emptyTotals = (): ShiftTotals => ({ pbt: 0, apt: 0, pq: 0, gq: 0, runMs: 0, perfFrom: undefined, perfTo: 0, perfUnits: 0 });
const round1 = (v: number): number => Math.round(v * 10) / 10;

function perfSpanOf(acc: StationAcc): PerfSpan | undefined {
  const t = acc.shift;
  if (t.perfFrom === undefined || t.perfUnits < MIN_PERF_UNITS || t.perfTo - t.perfFrom < MIN_PERF_SPAN) return undefined;
  return { idealMs: acc.idealMs * t.perfUnits, runMs: t.perfTo - t.perfFrom };
}

const overIdeal = (performance: number | null): performance is number => performance !== null && performance > 1 + PERFORMANCE_EPSILON;

/**
 * ISO 22400-2: availability = APT / PBT, performance = PRU × PQ / APT over the counted span,
 * quality = GQ / PQ. No OEE while performance is unknown or impossible (above 1).
 */
function oeeOf(t: Pick<ShiftTotals, 'pbt' | 'apt' | 'pq' | 'gq'>, span: PerfSpan | undefined): OeeView {
  const availability = t.pbt > 0 ? t.apt / t.pbt : 0;
  const performance = span ? span.idealMs / span.runMs : null;
  const quality = t.pq > 0 ? t.gq / t.pq : 0;
  const value = performance === null || overIdeal(performance) ? null : availability * performance * quality;
  return { value, availability, performance, quality };
}

/** Stations whose output leaves the line: named in the plant file, else those no conveyor leaves. */
export function outputStationsOf(line: LineSpec): string[] {
  if (line.outputStations) return line.outputStations;
  const feeding = new Set(line.conveyors.map((c) => c.from));
  return line.stations.map((s) => s.id).filter((id) => !feeding.has(id));
}

/**
 * Throughput, OEE (ISO 22400-2), state shares and the bottleneck per station and line, on
 * pipeline time. OEE covers the current shift: availability = APT / PBT with PBT the planned
 * time of the shift calendar (breaks and maintenance excluded) while data was present;
 * performance = the station's own PRU (ideal cycle) × produced / running time, from the shift's
 * first count to its latest; quality = good / produced. A performance above 100 % is a
 * data-quality fault, flagged, with no OEE. A line aggregates its output stations (parallel
 * curing presses add up). Time only moves forward, and every boundary (shift start, trend
 * minute) is processed at its exact time.
 */
export class KpiEngine {
  private readonly calendar: ShiftCalendar;
  private readonly stations = new Map<string, StationAcc>();
  private readonly lines = new Map<string, LineAcc>();
  private now: number;
  private nextShiftStart: number;
  private nextTrendAt: number;

  constructor(
    plant: PlantFile,
    start: number,
    onDrop: (reason: string, count?: number) => void,
  ) {
    this.now = start;
    this.calendar = new ShiftCalendar(plant.shifts);
    this.nextShiftStart = this.calendar.nextShiftStart(start);
    this.nextTrendAt = (Math.floor(start / MINUTE) + 1) * MINUTE;
    for (const line of plant.lines) {
      const stations = line.stations.map((spec) => {
        const acc: StationAcc = {
          id: spec.id,
          idealMs: spec.idealCycleSeconds * 1000,
          state: 'OFFLINE',
          stale: true,
          firstSeen: undefined,
          accruedTo: start,
          counts: new TimeWindow(WINDOW_60, MAX_COUNT_SAMPLES, () => onDrop('kpi-counts')),
          shift: emptyTotals(),
          timeline: new RingSeries(MAX_TIMELINE, TIMELINE_COLUMNS),
        };
        acc.timeline.push({ start, state: stateIndex('OFFLINE'), stale: 1 });
        this.stations.set(spec.id, acc);
        return acc;
      });
      const outputIds = new Set(outputStationsOf(line));
      this.lines.set(line.id, { spec: line, stations, outputs: stations.filter((s) => outputIds.has(s.id)), trend: new RingSeries(MAX_TREND_POINTS, TREND_COLUMNS) });
    }
  }

  /** Moves pipeline time to `to`, rolling shifts over and sampling trends on the way. */
  advanceTo(to: number): void {
    if (to - this.now > MAX_CATCH_UP) this.jumpTo(to);
    for (;;) {
      const boundary = Math.min(this.nextShiftStart, this.nextTrendAt);
      if (boundary > to) break;
      this.now = Math.max(this.now, boundary);
      for (const acc of this.stations.values()) this.accrue(acc, boundary);
      if (boundary === this.nextTrendAt) {
        this.sampleTrends();
        this.nextTrendAt += MINUTE;
      }
      if (boundary === this.nextShiftStart) {
        for (const acc of this.stations.values()) acc.shift = emptyTotals();
        this.nextShiftStart = this.calendar.nextShiftStart(boundary);
      }
    }
    this.now = Math.max(this.now, to);
  }

  /** Starts afresh at `to`: shift totals from zero, nothing accrued for the time skipped. */
  private jumpTo(to: number): void {
    for (const acc of this.stations.values()) {
      acc.accruedTo = to;
      acc.shift = emptyTotals();
    }
    this.now = to;
    this.nextShiftStart = this.calendar.nextShiftStart(to);
    this.nextTrendAt = (Math.floor(to / MINUTE) + 1) * MINUTE;
  }

  keyframe(): KpiKeyframe {
    const stations: Record<string, StationKeyframe> = {};
    for (const [id, acc] of this.stations) {
      stations[id] = {
        state: acc.state,
        stale: acc.stale,
        firstSeen: acc.firstSeen ?? null,
        accruedTo: acc.accruedTo,
        counts: acc.counts.keyframe(),
        shift: { ...acc.shift, perfFrom: acc.shift.perfFrom ?? null },
        timeline: acc.timeline.keyframe(),
      };
    }
    const trends: Record<string, RingSeriesKeyframe> = {};
    for (const [id, line] of this.lines) trends[id] = line.trend.keyframe();
    return { now: this.now, nextShiftStart: toJsonNumber(this.nextShiftStart), nextTrendAt: this.nextTrendAt, stations, trends };
  }

  /** Back to a keyframe's accumulators; stations and lines the plant does not have are ignored. */
  restore(kf: KpiKeyframe): void {
    this.now = kf.now;
    this.nextShiftStart = fromJsonNumber(kf.nextShiftStart);
    this.nextTrendAt = kf.nextTrendAt;
    for (const [id, acc] of this.stations) {
      const k = kf.stations[id];
      if (!k) continue;
      acc.state = k.state;
      acc.stale = k.stale;
      acc.firstSeen = k.firstSeen ?? undefined;
      acc.accruedTo = k.accruedTo;
      acc.counts.restore(k.counts);
      acc.shift = { ...k.shift, perfFrom: k.shift.perfFrom ?? undefined };
      acc.timeline.restore(k.timeline);
    }
    for (const [id, line] of this.lines) {
      const trend = kf.trends[id];
      if (trend) line.trend.restore(trend);
    }
  }

  /** One telemetry event at the current pipeline time (the caller has advanced to it). */
  onEvent(event: TelemetryEvent): void {
    const acc = this.stations.get(event.station);
    if (!acc) return;
    if (event.kind === 'stale') {
      this.onStale(event.station);
      return;
    }
    acc.firstSeen ??= this.now;
    const state = event.kind === 'state' ? event.state : acc.state;
    if (state !== acc.state || acc.stale) this.transition(acc, state, false);
  }

  onStale(station: string): void {
    const acc = this.stations.get(station);
    if (acc && !acc.stale) this.transition(acc, acc.state, true);
  }

  /** Output since the last count (PlantState has already turned totals and resets into deltas). */
  onCount(delta: CountDelta): void {
    const acc = this.stations.get(delta.station);
    if (!acc) return;
    const units = delta.good + delta.reject;
    if (units <= 0) return;
    this.accrue(acc, this.now);
    acc.counts.add(this.now, units);
    const t = acc.shift;
    t.pq += units;
    t.gq += delta.good;
    if (t.perfFrom === undefined) {
      t.perfFrom = t.runMs;
    } else {
      t.perfUnits += units;
    }
    t.perfTo = t.runMs;
  }

  views(): Record<string, LineView> {
    const out: Record<string, LineView> = {};
    for (const [id, line] of this.lines) out[id] = this.lineView(line);
    return out;
  }

  timeline(stationIds: string[]): StateTimelineView {
    const stations: StateTimelineView['stations'] = {};
    for (const id of stationIds) {
      const acc = this.stations.get(id);
      if (!acc) continue;
      stations[id] = Array.from({ length: acc.timeline.length }, (_, i) => timelineEntry(acc.timeline, i));
    }
    return { now: this.now, stations };
  }

  trend(lineId: string): KpiTrendView | undefined {
    const line = this.lines.get(lineId);
    if (!line) return undefined;
    const { trend } = line;
    const known = (v: number): number | null => (Number.isNaN(v) ? null : v);
    return { line: lineId, t: trend.column('t'), throughputPerHour: trend.column('throughputPerHour').map(known), oee: trend.column('oee').map(known) };
  }

  private lineView(line: LineAcc): LineView {
    for (const acc of line.stations) this.accrue(acc, this.now);
    const stations: Record<string, StationKpiView> = {};
    let bottleneck: string | undefined;
    let bestActive = 0;
    for (const acc of line.stations) {
      const view = this.stationView(acc);
      stations[acc.id] = view;
      if (view.activeShare > bestActive) {
        bestActive = view.activeShare;
        bottleneck = acc.id;
      }
    }
    const totals = { pbt: 0, apt: 0, pq: 0, gq: 0 };
    // Performance sums each output station's own ideal time (PRU × units) over their running time.
    let span: PerfSpan | undefined;
    const flagged: string[] = [];
    let worst = 0;
    for (const acc of line.outputs) {
      totals.pbt += acc.shift.pbt;
      totals.apt += acc.shift.apt;
      totals.pq += acc.shift.pq;
      totals.gq += acc.shift.gq;
      const own = perfSpanOf(acc);
      if (!own) continue;
      span = { idealMs: (span?.idealMs ?? 0) + own.idealMs, runMs: (span?.runMs ?? 0) + own.runMs };
      const performance = own.idealMs / own.runMs;
      if (overIdeal(performance)) {
        flagged.push(acc.id);
        worst = Math.max(worst, performance);
      }
    }
    const oee = oeeOf(totals, span);
    if (overIdeal(oee.performance)) worst = Math.max(worst, oee.performance);
    const dataQuality: DataQualityFlag | undefined = worst > 0 ? { code: 'performance-over-100', performance: worst, stations: flagged } : undefined;
    if (dataQuality) oee.value = null;
    const shift = this.calendar.shiftAt(this.now);
    return {
      throughputPerHour: this.lineRate(line, stations, 'throughputPerHour'),
      throughputPerHour60: this.lineRate(line, stations, 'throughputPerHour60'),
      oee,
      good: totals.gq,
      reject: totals.pq - totals.gq,
      ...(dataQuality ? { dataQuality } : {}),
      ...(bottleneck ? { bottleneck } : {}),
      ...(shift ? { shift: this.shiftView(shift, totals.pq, line.spec.shiftTargetUnits) } : {}),
      stations,
    };
  }

  private shiftView(shift: ShiftSpan, output: number, target: number | undefined): NonNullable<LineView['shift']> {
    const view = { id: shift.id, start: shift.start, end: shift.end, output };
    if (target === undefined) return view;
    const planned = this.calendar.plannedMs(shift.start, shift.end);
    const passed = this.calendar.plannedMs(shift.start, this.now);
    return { ...view, target, expectedByNow: planned > 0 ? Math.round((target * passed) / planned) : 0 };
  }

  private stationView(acc: StationAcc): StationKpiView {
    const { shares, active } = this.shares(acc);
    const oee = oeeOf(acc.shift, perfSpanOf(acc));
    return {
      throughputPerHour: this.rate(acc, WINDOW_15),
      throughputPerHour60: this.rate(acc, WINDOW_60),
      good: acc.shift.gq,
      reject: acc.shift.pq - acc.shift.gq,
      oee,
      ...(overIdeal(oee.performance) ? { dataQuality: { code: 'performance-over-100' as const, performance: oee.performance } } : {}),
      stateShares: shares,
      activeShare: active,
    };
  }

  /** The line's output is its output stations' output: the sum of their rates, unknown while one of them is. */
  private lineRate(line: LineAcc, stations: Record<string, StationKpiView>, field: 'throughputPerHour' | 'throughputPerHour60'): number | null {
    let sum: number | null = null;
    for (const acc of line.outputs) {
      if (acc.firstSeen === undefined) continue;
      const rate = stations[acc.id]?.[field] ?? null;
      if (rate === null) return null;
      sum = (sum ?? 0) + rate;
    }
    return sum === null ? null : round1(sum);
  }

  /**
   * Units per hour over the window, or over the time since data began when that is shorter and
   * already holds enough to tell; null until then.
   */
  private rate(acc: StationAcc, window: number): number | null {
    if (acc.firstSeen === undefined) return null;
    const span = Math.min(window, this.now - acc.firstSeen);
    const { sum, samples } = acc.counts.within(this.now, window);
    if (span <= 0) return null;
    if (span < window && (span < Math.max(MIN_RATE_SPAN, MIN_RATE_CYCLES * acc.idealMs) || samples < MIN_RATE_COUNTS)) return null;
    return round1((sum * 3_600_000) / span);
  }

  /** Shares of observed time per state over the last hour, from the timeline. */
  private shares(acc: StationAcc): { shares: Partial<Record<StationState, number>>; active: number } {
    const from = this.now - WINDOW_60;
    const ms: Partial<Record<StationState, number>> = {};
    let observed = 0;
    let end = this.now;
    for (let i = acc.timeline.length - 1; i >= 0; i--) {
      const e = timelineEntry(acc.timeline, i);
      const dur = Math.max(0, end - Math.max(e.start, from));
      if (!e.stale && e.state !== 'OFFLINE' && dur > 0) {
        ms[e.state] = (ms[e.state] ?? 0) + dur;
        observed += dur;
      }
      if (e.start <= from) break;
      end = e.start;
    }
    const shares: Partial<Record<StationState, number>> = {};
    let active = 0;
    if (observed > 0) {
      for (const [state, d] of Object.entries(ms) as Array<[StationState, number]>) {
        shares[state] = d / observed;
        if (ACTIVE_STATES.has(state)) active += d / observed;
      }
    }
    return { shares, active };
  }

  private transition(acc: StationAcc, state: StationState, stale: boolean): void {
    this.accrue(acc, this.now);
    acc.state = state;
    acc.stale = stale;
    acc.timeline.push({ start: this.now, state: stateIndex(state), stale: stale ? 1 : 0 });
  }

  /** Adds the planned time since the last accrual to the shift totals, in the state held meanwhile. */
  private accrue(acc: StationAcc, to: number): void {
    if (to <= acc.accruedTo) return;
    if (!acc.stale && acc.state !== 'OFFLINE') {
      const planned = this.calendar.plannedMs(acc.accruedTo, to);
      acc.shift.pbt += planned;
      if (acc.state === 'RUNNING') {
        acc.shift.apt += planned;
        acc.shift.runMs += to - acc.accruedTo;
      }
    }
    acc.accruedTo = to;
  }

  private sampleTrends(): void {
    for (const line of this.lines.values()) {
      const view = this.lineView(line);
      line.trend.push({ t: this.now, throughputPerHour: view.throughputPerHour ?? NaN, oee: view.oee.value ?? NaN });
    }
  }
}
