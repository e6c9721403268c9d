import type { LineSpec, PlantFile } from '../../shared/plant-schema';
import { STATION_STATES, type StationState } from '../../shared/station-state';
import type { TelemetryEvent } from '../../shared/telemetry';
import type { KpiTrendView, LineView, OeeView, StateTimelineView, StationKpiView } from '../../shared/views';
import type { CountDelta } from '../state/plant-state';
import { RingSeries } from './ring-series';
import { ShiftCalendar, type ShiftSpan } from './shift-calendar';
import { TimeWindow } from './time-window';

const MINUTE = 60_000;
const WINDOW_15 = 15 * MINUTE;
const WINDOW_60 = 60 * MINUTE;
/** A rate over less than this is mostly noise; shorter spans are stretched to it. */
const MIN_RATE_SPAN = MINUTE;
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

const emptyTotals = (): ShiftTotals => ({ pbt: 0, apt: 0, pq: 0, gq: 0 });

function oeeOf(t: ShiftTotals, idealMs: number): OeeView {
  const availability = t.pbt > 0 ? t.apt / t.pbt : 0;
  const performance = t.apt > 0 ? (idealMs * t.pq) / t.apt : 0;
  const quality = t.pq > 0 ? t.gq / t.pq : 0;
  return { value: availability * performance * quality, availability, performance, quality };
}

/** Stations whose output leaves the line: named in the plant file, else those no conveyor leaves. */
function outputStationsOf(line: LineSpec): string[] {
  if (line.outputStations) return line.outputStations;
  const feeding = new Set(line.conveyors.map((c) => c.from));
  return line.stations.map((s) => s.id).filter((id) => !feeding.has(id));
}

/**
 * Throughput, OEE (ISO 22400-2), state shares and the bottleneck per station and line, on
 * pipeline time. OEE covers the current shift: availability = APT / PBT with PBT the planned
 * time of the shift calendar (breaks and maintenance excluded) while data was present;
 * performance = ideal cycle × produced / APT; quality = good / produced. A line aggregates its
 * output stations (parallel curing presses add up). Time only moves forward, and every
 * boundary (shift start, trend minute) is processed at its exact time.
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
    acc.counts.add(this.now, units);
    acc.shift.pq += units;
    acc.shift.gq += delta.good;
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
    return { line: lineId, t: trend.column('t'), throughputPerHour: trend.column('throughputPerHour'), oee: trend.column('oee') };
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
    const totals = emptyTotals();
    let idealWeighted = 0;
    for (const acc of line.outputs) {
      totals.pbt += acc.shift.pbt;
      totals.apt += acc.shift.apt;
      totals.pq += acc.shift.pq;
      totals.gq += acc.shift.gq;
      idealWeighted += acc.idealMs * acc.shift.pq;
    }
    // Performance sums ideal time per unit over stations that may differ in cycle time.
    const oee = oeeOf(totals, totals.pq > 0 ? idealWeighted / totals.pq : 0);
    const shift = this.calendar.shiftAt(this.now);
    return {
      throughputPerHour: this.lineRate(line, WINDOW_15),
      throughputPerHour60: this.lineRate(line, WINDOW_60),
      oee,
      good: totals.gq,
      reject: totals.pq - totals.gq,
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
    return {
      throughputPerHour: this.rate(acc.counts.sumWithin(this.now, WINDOW_15), acc.firstSeen, WINDOW_15),
      throughputPerHour60: this.rate(acc.counts.sumWithin(this.now, WINDOW_60), acc.firstSeen, WINDOW_60),
      good: acc.shift.gq,
      reject: acc.shift.pq - acc.shift.gq,
      oee: oeeOf(acc.shift, acc.idealMs),
      stateShares: shares,
      activeShare: active,
    };
  }

  private lineRate(line: LineAcc, window: number): number {
    let units = 0;
    let firstSeen: number | undefined;
    for (const acc of line.outputs) {
      units += acc.counts.sumWithin(this.now, window);
      if (acc.firstSeen !== undefined) firstSeen = Math.min(firstSeen ?? Infinity, acc.firstSeen);
    }
    return this.rate(units, firstSeen, window);
  }

  /** Units per hour over the window, or over the time since data began when that is shorter. */
  private rate(units: number, firstSeen: number | undefined, window: number): number {
    if (firstSeen === undefined) return 0;
    const span = Math.min(window, Math.max(this.now - firstSeen, MIN_RATE_SPAN));
    return Math.round((units * 3_600_000) / span);
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
      if (acc.state === 'RUNNING') acc.shift.apt += planned;
    }
    acc.accruedTo = to;
  }

  private sampleTrends(): void {
    for (const line of this.lines.values()) {
      const view = this.lineView(line);
      line.trend.push({ t: this.now, throughputPerHour: view.throughputPerHour, oee: view.oee.value });
    }
  }
}
