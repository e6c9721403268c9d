import type { ForecastView, LineForecast, OutputBand, StationCalibration, WhatIfChange } from '../../shared/forecast';
import type { PlantFile } from '../../shared/plant-schema';
import type { StationState } from '../../shared/station-state';
import { deriveSeed, Rng } from '../../core/rng';
import { ShiftCalendar } from '../../core/kpi/shift-calendar';
import { outputStationsOf } from '../../core/kpi/kpi-engine';
import { buildFlowGraph } from '../flow-graph';
import { PlantSimulator, type SimRecord, type SimSink } from '../plant-simulator';
import type { TwinObservation } from './observation';
import { assumptionsOf, drawStart } from './start-state';
import { applySimChanges, changedPlant, checkSimChanges } from './what-if';

export const DEFAULT_REPLICATIONS = 30;
/** The line is checked against its pro-rata target this often within a replication. */
const BEHIND_CHECK_MS = 5 * 60_000;
/** More than this share of stations without data: the forecast says the data is too thin. */
const THIN_DATA_SHARE = 0.25;

export interface ForecastInput {
  plant: PlantFile;
  obs: TwinObservation;
  replications?: number;
  seed?: number;
  changes?: WhatIfChange[];
  /** Stations' models calibrated from observation (Calibrator); without it, the profiles' and plant file's. */
  calibration?: Record<string, StationCalibration>;
  /** Run to here instead of the shift end (tests, back-tests). */
  horizonEnd?: number;
}

/** What one replication ends with, per line. */
interface Replication {
  added: Record<string, number>;
  /** Bank key with the longest active share, per line. */
  bottleneck: Record<string, string>;
  activeShare: Record<string, number>;
  behindAt: Record<string, number>;
}

const ACTIVE: ReadonlySet<StationState> = new Set(['RUNNING', 'FAULT', 'MAINTENANCE']);

/** Active time per station from the state records: not starved, blocked, idle or offline (ISO 22400 bottleneck). */
class ActiveTimeSink implements SimSink {
  private readonly since = new Map<string, { active: boolean; at: number }>();
  readonly activeMs = new Map<string, number>();

  emit(r: SimRecord): void {
    if (r.kind !== 'state') return;
    this.close(r.station, r.ts);
    this.since.set(r.station, { active: ACTIVE.has(r.state), at: r.ts });
  }

  close(station: string, at: number): void {
    const prev = this.since.get(station);
    if (prev?.active) this.activeMs.set(station, (this.activeMs.get(station) ?? 0) + at - prev.at);
    if (prev) prev.at = at;
  }

  closeAll(at: number): void {
    for (const id of this.since.keys()) this.close(id, at);
  }
}

/**
 * Quantile at plotting position p(n + 1) (Hyndman and Fan type 6): a new replication falls
 * between the P10 and P90 so computed 80 % of the time, where the (n − 1)p position gives less.
 */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, p * (sorted.length + 1) - 1));
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
}

function band(values: number[]): OutputBand {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return { mean, p10: percentile(sorted, 0.1), p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

function runReplication(plant: PlantFile, input: ForecastInput, end: number, rep: number, seed: number): Replication {
  const { obs } = input;
  const sink = new ActiveTimeSink();
  const sim = new PlantSimulator(plant, sink, { seed: deriveSeed(seed, `rep/${rep}`), start: obs.at, metricsPeriodMs: Infinity });
  const calibration = input.calibration ?? {};
  const stations = new Set(sim.stationIds());
  for (const [id, c] of Object.entries(calibration)) {
    if (!stations.has(id)) continue;
    sim.tuneStation(id, { mtbfH: c.mtbfH.value, mttrMin: c.mttrMin.value });
    sim.setCycleFactor(id, c.cycleFactor.value);
  }
  applySimChanges(sim, input.changes ?? [], (id) => calibration[id]?.cycleFactor.value ?? 1);
  sim.begin(drawStart(obs, plant, sim.graph, new Rng(deriveSeed(seed, `start/${rep}`)), calibration));
  const calendar = new ShiftCalendar(plant.shifts);
  const shift = calendar.shiftAt(obs.at);
  const outputs = new Map(plant.lines.map((l) => [l.id, outputStationsOf(l)]));
  const goodOf = (line: string): number => (outputs.get(line) ?? []).reduce((n, id) => n + (sim.totals(id)?.good ?? 0), 0);
  const behindAt: Record<string, number> = {};
  if (shift) {
    const planned = calendar.plannedMs(shift.start, shift.end);
    const check = (t: number): void => {
      for (const line of plant.lines) {
        if (line.shiftTargetUnits === undefined || behindAt[line.id] !== undefined || planned <= 0) continue;
        const due = (line.shiftTargetUnits * calendar.plannedMs(shift.start, t)) / planned;
        if ((obs.soFar[line.id] ?? 0) + goodOf(line.id) < due) behindAt[line.id] = t;
      }
    };
    check(obs.at);
    for (let t = obs.at + BEHIND_CHECK_MS; t < end; t += BEHIND_CHECK_MS) sim.at(t, () => check(t));
  }
  sim.advanceTo(end);
  sink.closeAll(end);
  const added: Record<string, number> = {};
  const bottleneck: Record<string, string> = {};
  const activeShare: Record<string, number> = {};
  const span = Math.max(1, end - obs.at);
  for (const line of plant.lines) added[line.id] = goodOf(line.id);
  for (const bank of sim.graph.banks) {
    const share = bank.stations.reduce((n, s) => n + (sink.activeMs.get(s.id) ?? 0), 0) / bank.stations.length / span;
    if (share > (activeShare[bank.line] ?? -1)) {
      activeShare[bank.line] = share;
      bottleneck[bank.line] = bank.key;
    }
  }
  return { added, bottleneck, activeShare, behindAt };
}

/**
 * The rest of the shift, run `replications` times from the observed state, each with its own
 * draws of what the twin cannot know. Replications share seeds between a baseline and a
 * what-if (common random numbers), so their difference is the change's, not the dice's.
 */
export function runForecast(input: ForecastInput): ForecastView {
  const steps = forecastSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same forecast, waiting on `beforeReplication` before each replication: how the forecast process gives way to ingest. */
export async function runForecastPaced(input: ForecastInput, beforeReplication: () => Promise<void>): Promise<ForecastView> {
  const steps = forecastSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await beforeReplication();
  }
}

/** A forecast as steps: it yields before each replication, and returns the view. */
function* forecastSteps(input: ForecastInput): Generator<void, ForecastView, void> {
  // Time spent computing, not waiting between steps.
  let computeMs = 0;
  let resumed = performance.now();
  const { obs } = input;
  const replications = input.replications ?? DEFAULT_REPLICATIONS;
  const seed = input.seed ?? 1;
  const changes = input.changes ?? [];
  checkSimChanges(input.plant, changes);
  const plant = changedPlant(input.plant, changes);
  const calendar = new ShiftCalendar(plant.shifts);
  const shift = calendar.shiftAt(obs.at);
  const end = input.horizonEnd ?? shift?.end ?? obs.at;
  const graph = buildFlowGraph(plant);
  const assumptions = assumptionsOf(obs, graph, input.calibration);
  const unknown = assumptions.find((a) => a.code === 'stations-without-data')?.count ?? 0;
  const stationCount = plant.lines.reduce((n, l) => n + l.stations.length, 0);
  const thinData = !shift && input.horizonEnd === undefined ? 'no-shift' : unknown === stationCount ? 'no-data' : unknown > THIN_DATA_SHARE * stationCount ? 'mostly-stale' : undefined;
  const reps: Replication[] = [];
  if (end > obs.at)
    for (let r = 0; r < replications; r += 1) {
      computeMs += performance.now() - resumed;
      yield;
      resumed = performance.now();
      reps.push(runReplication(plant, input, end, r, seed));
    }
  const banks = new Map(graph.banks.map((b) => [b.key, b]));
  const lines: Record<string, LineForecast> = {};
  for (const line of plant.lines) {
    const soFar = obs.soFar[line.id] ?? 0;
    const finals = reps.map((r) => soFar + (r.added[line.id] ?? 0));
    const f: LineForecast = { line: line.id, soFar, output: band(finals.length > 0 ? finals : [soFar]) };
    const target = line.shiftTargetUnits;
    if (target !== undefined) {
      f.target = target;
      f.chanceOfTarget = finals.length > 0 ? finals.filter((v) => v >= target).length / finals.length : soFar >= target ? 1 : 0;
      const behind = reps.map((r) => r.behindAt[line.id] ?? Infinity).sort((a, b) => a - b);
      const median = percentile(behind, 0.5);
      f.fallsBehindAt = Number.isFinite(median) ? median : null;
    }
    const votes = new Map<string, number>();
    for (const r of reps) {
      const key = r.bottleneck[line.id];
      if (key) votes.set(key, (votes.get(key) ?? 0) + 1);
    }
    const top = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    const bank = top && banks.get(top[0]);
    if (bank) {
      const shares = reps.filter((r) => r.bottleneck[line.id] === bank.key).map((r) => r.activeShare[line.id] ?? 0);
      f.bottleneck = { type: bank.type, stations: bank.stations.map((s) => s.id), share: shares.reduce((a, b) => a + b, 0) / shares.length };
    }
    lines[line.id] = f;
  }
  return {
    plantId: plant.id,
    madeAt: obs.at,
    horizonEnd: end,
    ...(shift ? { shiftId: shift.id, shiftStart: shift.start } : {}),
    replications: reps.length,
    lines,
    assumptions,
    ...(thinData ? { thinData } : {}),
    computeMs: computeMs + performance.now() - resumed,
    ...(input.calibration && Object.keys(input.calibration).length > 0 ? { calibration: input.calibration } : {}),
  };
}
