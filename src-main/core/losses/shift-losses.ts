import type { BottleneckView, LossCategory, LossesView, RootCauseRow, ShiftRef, WaterfallStep, WaterfallView } from '../../shared/losses';
import type { PlantFile, StationSpec } from '../../shared/plant-schema';
import { outputStationsOf } from '../kpi/kpi-engine';
import { ShiftCalendar } from '../kpi/shift-calendar';
import { stopWindows } from '../kpi/shift-stops';
import { Attributor, type Charge } from './attribution';
import { bankTimeline, type BankTimeline } from './bank-timeline';
import { bottleneckBand } from './bottleneck';
import type { Bank, FlowGraph } from './flow-graph';
import type { ShiftLog } from './shift-log';
import { classify, type ClassifiedInterval } from './station-time';

export interface ShiftLossesInput {
  plant: PlantFile;
  graph: FlowGraph;
  log: ShiftLog;
  line: string;
  shift: ShiftRef;
  /** Analyse up to here; the shift's end when later. */
  to: number;
}

/** Waterfall order: planned stops first (not OEE losses), then availability, performance, quality. */
const STEP_ORDER: readonly LossCategory[] = ['planned', 'fault', 'maintenance', 'starved', 'blocked', 'idle', 'no-data', 'performance', 'quality'];

interface OutputStation {
  spec: StationSpec;
  bank: Bank;
  idealMs: number;
  time: ClassifiedInterval[];
  runMs: number;
  produced: number;
  good: number;
}

/** Units per ms the station made while running this shift; its ideal rate until it has run and counted. */
function actualRate(o: OutputStation): number {
  return o.runMs > 0 && o.produced > 0 ? o.produced / o.runMs : 1 / o.idealMs;
}

/** Units an hour of a bank at the ideal cycle, as ms per unit: its members' rates add up. */
function bankCycleMs(stations: StationSpec[]): number {
  const rate = stations.reduce((sum, s) => sum + 1 / (s.idealCycleSeconds * 1000), 0);
  return rate > 0 ? 1 / rate : 0;
}

/** What every line's losses over a shift share: each bank's time over the shift and the bottleneck band. */
export interface ShiftAnalysis {
  plant: PlantFile;
  log: ShiftLog;
  shift: ShiftRef;
  to: number;
  classified: Map<string, ClassifiedInterval[]>;
  bankOf: Map<string, Bank>;
  attributor: Attributor;
  bottleneck: BottleneckView;
  bottleneckCycleMs: number;
}

/** The plant's time over one shift (up to `to`): computed once, then read for each line. */
export function analyseShift(plant: PlantFile, graph: FlowGraph, log: ShiftLog, shift: ShiftRef, until: number): ShiftAnalysis {
  const from = shift.start;
  const to = Math.max(from, Math.min(until, shift.end));
  const stops = stopWindows(plant.shifts, from, to);
  const classified = new Map<string, ClassifiedInterval[]>();
  for (const l of plant.lines) for (const s of l.stations) classified.set(s.id, classify(log.intervals(s.id, from, to), stops));
  const timelines = new Map<Bank, BankTimeline>();
  for (const bank of graph.banks) timelines.set(bank, bankTimeline(bank, classified, from, to));
  const bankOf = new Map<string, Bank>();
  for (const bank of graph.banks) for (const s of bank.stations) bankOf.set(s.id, bank);
  const bottleneck = bottleneckBand([...timelines.values()], from, to);
  const mainBank = bottleneck.main && graph.banks.find((b) => b.key === bottleneck.main?.bank);
  return { plant, log, shift, to, classified, bankOf, attributor: new Attributor(timelines), bottleneck, bottleneckCycleMs: mainBank ? bankCycleMs(mainBank.stations) : 0 };
}

/**
 * The losses of one line over one shift (up to `to`): the waterfall of its output stations'
 * time, the Pareto of root causes their losses are charged to through the flow graph, and the
 * bottleneck band. Pure: everything comes from the log and the plant file.
 */
export function shiftLosses(input: ShiftLossesInput): LossesView {
  return lineLosses(analyseShift(input.plant, input.graph, input.log, input.shift, input.to), input.line);
}

export function lineLosses(analysis: ShiftAnalysis, lineId: string): LossesView {
  const { plant, log, shift, to, classified, bankOf, bottleneck } = analysis;
  const line = plant.lines.find((l) => l.id === lineId);
  if (!line) throw new Error(`no line ${lineId} in plant ${plant.id}`);
  const from = shift.start;
  const outputs: OutputStation[] = [];
  for (const id of outputStationsOf(line)) {
    const spec = line.stations.find((s) => s.id === id);
    const bank = bankOf.get(id);
    if (!spec || !bank) continue;
    const time = classified.get(id) ?? [];
    const counts = log.counts(id, from, to);
    const runMs = time.reduce((sum, iv) => sum + (iv.cls === 'run' ? iv.end - iv.start : 0), 0);
    outputs.push({ spec, bank, idealMs: spec.idealCycleSeconds * 1000, time, runMs, produced: counts.good + counts.reject, good: counts.good });
  }
  const bottleneckCycleMs = analysis.bottleneckCycleMs || bankCycleMs(outputs.map((o) => o.spec));
  const waterfall = waterfallOf(outputs, to - from, bottleneckCycleMs);
  const calendar = new ShiftCalendar(plant.shifts);
  const target = line.shiftTargetUnits ?? null;
  const plannedAll = calendar.plannedMs(shift.start, shift.end);
  waterfall.target = target;
  waterfall.expectedByNow = target === null ? null : plannedAll > 0 ? Math.round((target * calendar.plannedMs(shift.start, to)) / plannedAll) : 0;
  return { plantId: plant.id, line: line.id, shift, to, waterfall, pareto: paretoOf(outputs, analysis.attributor), bottleneck, dropped: log.dropped };
}

function waterfallOf(outputs: OutputStation[], spanMs: number, bottleneckCycleMs: number): WaterfallView {
  const steps = new Map<string, WaterfallStep>();
  const toMinutes = (units: number): number => (units * bottleneckCycleMs) / 60_000;
  const add = (category: LossCategory, reason: string, ms: number, units: number): void => {
    const key = `${category}\u0000${reason}`;
    const step = steps.get(key) ?? { category, reason, ms: 0, units: 0, bottleneckMinutes: 0 };
    step.ms += ms;
    step.units += units;
    steps.set(key, step);
  };
  let calendarUnits = 0;
  let produced = 0;
  let good = 0;
  for (const o of outputs) {
    calendarUnits += spanMs / o.idealMs;
    produced += o.produced;
    good += o.good;
    for (const iv of o.time) if (iv.cls !== 'run') add(iv.cls, iv.reason, iv.end - iv.start, (iv.end - iv.start) / o.idealMs);
    add('performance', '', o.runMs - o.produced * o.idealMs, o.runMs / o.idealMs - o.produced);
    const reject = o.produced - o.good;
    if (reject > 0) add('quality', o.spec.id, reject * o.idealMs, reject);
  }
  const ordered = [...steps.values()]
    .map((s) => ({ ...s, bottleneckMinutes: toMinutes(s.units) }))
    .sort((a, b) => STEP_ORDER.indexOf(a.category) - STEP_ORDER.indexOf(b.category) || b.ms - a.ms);
  return { calendarMs: spanMs * outputs.length, outputStations: outputs.length, calendarUnits, steps: ordered, produced, good, target: null, expectedByNow: null, bottleneckCycleMs };
}

interface RowAcc extends RootCauseRow {
  episodes: Set<number>;
}

function paretoOf(outputs: OutputStation[], attributor: Attributor): RootCauseRow[] {
  const rows = new Map<string, RowAcc>();
  const n = Math.max(1, outputs.length);
  const add = (c: Charge, units: number): void => {
    const key = `${c.station}\u0000${c.category}\u0000${c.reason}`;
    let row = rows.get(key);
    if (!row) {
      row = { station: c.station, line: c.line, category: c.category, reason: c.reason, lostUnits: 0, lostMinutes: 0, occurrences: 0, ambiguous: false, firstStart: c.episode, episodes: new Set() };
      rows.set(key, row);
    }
    row.lostUnits += units;
    row.lostMinutes += c.ms / n / 60_000;
    row.ambiguous ||= c.ambiguous;
    row.firstStart = Math.min(row.firstStart, c.episode);
    row.episodes.add(c.episode);
  };
  for (const o of outputs) {
    const rate = actualRate(o);
    const own = (category: Charge['category'], reason: string, episode: number, ms: number): Charge => ({ station: o.spec.id, line: o.bank.line, category, reason, episode, ms, ambiguous: false });
    for (const iv of o.time) {
      if (iv.cls === 'run' || iv.cls === 'planned') continue;
      if (iv.cls === 'starved' || iv.cls === 'blocked') {
        attributor.attribute(o.bank, iv.cls === 'starved' ? 'up' : 'down', iv.start, iv.end, (c) => add(c, c.ms * rate));
      } else {
        add(own(iv.cls, iv.reason, iv.start, iv.end - iv.start), (iv.end - iv.start) * rate);
      }
    }
    const slowUnits = o.runMs / o.idealMs - o.produced;
    const first = o.time.find((iv) => iv.cls === 'run')?.start;
    if (slowUnits > 0 && first !== undefined) add(own('performance', '', first, slowUnits * o.idealMs), slowUnits);
    const reject = o.produced - o.good;
    if (reject > 0 && first !== undefined) add(own('quality', '', first, reject * o.idealMs), reject);
  }
  return [...rows.values()]
    .map(({ episodes, ...row }) => ({ ...row, occurrences: episodes.size }))
    .sort((a, b) => b.lostUnits - a.lostUnits);
}
