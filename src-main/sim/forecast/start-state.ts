import type { ForecastAssumption, StationCalibration } from '../../shared/forecast';
import type { PlantFile, StationSpec } from '../../shared/plant-schema';
import type { Rng } from '../../core/rng';
import type { FlowGraph, BufferSpec, Bank } from '../flow-graph';
import type { SimStart, StationStart } from '../plant-simulator';
import { stopWindows } from '../../core/kpi/shift-stops';
import { expectedProcessS } from '../station-profiles';
import { remainingCycleMs, remainingRepairMs } from './conditional-draws';
import type { StationObservation, TwinObservation } from './observation';

const MINUTE = 60_000;
/** A bank blocked (or starved) this share of the last hour has its buffer taken as full (or empty). */
const RECENT_SHARE_FOR_FULL = 0.1;

/**
 * Units in a buffer the telemetry does not report: starved downstream → empty, blocked upstream
 * → full; otherwise half (how the simulator starts warm), moved towards full by how much of the
 * last hour the bank feeding it spent blocked and towards empty by how much the bank it feeds
 * spent starved.
 */
function inferBuffer(b: BufferSpec, obs: TwinObservation): number {
  const of = (bank: Bank): StationObservation[] => bank.stations.map((s) => obs.stations[s.id]).filter((o): o is StationObservation => o !== undefined && !o.unknown);
  const starved = of(b.to).some((o) => o.state === 'STARVED' && (o.reason === undefined || o.reason.includes(b.from.type)));
  if (starved) return 0;
  if (of(b.from).some((o) => o.state === 'BLOCKED')) return b.capacity;
  const mean = (xs: number[]): number => (xs.length > 0 ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);
  const blocked = mean(of(b.from).map((o) => o.recent?.blocked ?? 0));
  const starvedShare = mean(of(b.to).map((o) => o.recent?.starved ?? 0));
  const fill = Math.min(1, Math.max(0, 0.5 + blocked / (2 * RECENT_SHARE_FOR_FULL) - starvedShare / (2 * RECENT_SHARE_FOR_FULL)));
  return Math.round(b.capacity * fill);
}

/** What the forecast assumes in place of data for this observation. */
export function assumptionsOf(obs: TwinObservation, graph: FlowGraph, calibration: Record<string, StationCalibration> = {}): ForecastAssumption[] {
  const out: ForecastAssumption[] = [{ code: 'profile-defaults' }];
  const calibrated = Object.values(calibration).filter((c) => c.cycleFactor.n + c.mtbfH.n + c.mttrMin.n > 0).length;
  if (calibrated > 0) out.push({ code: 'calibrated', count: calibrated });
  if (!obs.buffers) out.push({ code: 'buffers-inferred', count: graph.buffers.length });
  const known = Object.values(obs.stations).filter((o) => !o.unknown);
  const phaseDrawn = known.filter((o) => (o.state === 'RUNNING' || o.state === 'FAULT') && o.loadsElapsedMs === undefined).length;
  if (phaseDrawn > 0) out.push({ code: 'cycle-phase-drawn', count: phaseDrawn });
  const stopped = known.filter((o) => o.state === 'FAULT' || o.state === 'MAINTENANCE').length;
  if (stopped > 0) out.push({ code: 'repairs-conditioned', count: stopped });
  const stations = graph.banks.reduce((n, b) => n + b.stations.length, 0);
  const unknown = stations - known.length;
  if (unknown > 0) out.push({ code: 'stations-without-data', count: unknown });
  return out;
}

/**
 * One replication's start: the observation with every unknown drawn from the station's
 * distributions given what has elapsed (remaining repair given the fault's age, remaining
 * process time given the load's progress). Stations without data start warm.
 */
export function drawStart(obs: TwinObservation, plant: PlantFile, graph: FlowGraph, rng: Rng, calibration: Record<string, StationCalibration> = {}): SimStart {
  const inCalendarStop = stopWindows(plant.shifts, obs.at, obs.at + 1).length > 0;
  const stations: Record<string, StationStart> = {};
  for (const bank of graph.banks) {
    for (const spec of bank.stations) {
      const o = obs.stations[spec.id];
      if (!o || o.unknown) continue;
      const start = stationStart(o, spec, bank, obs.at, inCalendarStop, rng, calibration[spec.id]);
      if (start) stations[spec.id] = start;
    }
  }
  const buffers = graph.buffers.map((b, i) => obs.buffers?.[i] ?? inferBuffer(b, obs));
  return { buffers, stations };
}

function stationStart(o: StationObservation, spec: StationSpec, bank: Bank, at: number, inCalendarStop: boolean, rng: Rng, cal: StationCalibration | undefined): StationStart | undefined {
  const profile = cal ? { ...bank.profile, mttrMin: cal.mttrMin.value } : bank.profile;
  const factor = cal?.cycleFactor.value ?? 1;
  const elapsed = Math.max(0, at - o.since);
  const loadsFrom = (elapsedMs: number[]): StationStart['loads'] => elapsedMs.map((e) => ({ elapsedMs: e, remainingMs: remainingCycleMs(profile, spec, e, rng, factor) }));
  switch (o.state) {
    case 'RUNNING':
      // Without progress data the simulator places the loads at random phases, as it starts warm.
      return o.loadsElapsedMs ? { loads: loadsFrom(o.loadsElapsedMs), doneLoads: o.doneLoads ?? 0 } : undefined;
    case 'FAULT': {
      const loads = loadsFrom(o.loadsElapsedMs ?? [rng.next() * expectedProcessS(profile, spec) * factor * 1000]);
      return { loads, doneLoads: o.doneLoads ?? 0, faultMs: remainingRepairMs(profile.mttrMin * MINUTE, elapsed, rng) };
    }
    case 'MAINTENANCE': {
      const base = { loads: loadsFrom(o.loadsElapsedMs ?? []), doneLoads: o.doneLoads ?? 0 };
      // A calendar maintenance window is the simulator's own calendar; a service stop has its planned length.
      if (inCalendarStop) return base;
      const service = profile.service;
      if (service && o.reason === service.reason) return { ...base, maintenanceMs: Math.max(0, service.minutes * MINUTE - elapsed) };
      return { ...base, maintenanceMs: remainingRepairMs((service?.minutes ?? profile.mttrMin) * MINUTE, elapsed, rng) };
    }
    case 'IDLE': {
      const base = { loads: loadsFrom(o.loadsElapsedMs ?? []), doneLoads: o.doneLoads ?? 0 };
      // Some services idle the station (an AGV charging): they last their planned length.
      const service = profile.service;
      if (!inCalendarStop && service && o.reason === service.reason) return { ...base, maintenanceMs: Math.max(0, service.minutes * MINUTE - elapsed) };
      return base;
    }
    case 'BLOCKED':
      return { loads: loadsFrom(o.loadsElapsedMs ?? []), doneLoads: Math.max(1, o.doneLoads ?? 1) };
    case 'STARVED':
      return { loads: loadsFrom(o.loadsElapsedMs ?? []), doneLoads: o.doneLoads ?? 0 };
    case 'OFFLINE':
      return undefined;
  }
}
