import type { PlantFile } from '../../shared/plant-schema';
import type { StationState } from '../../shared/station-state';
import type { Snapshot } from '../../shared/views';
import type { PlantSimulator } from '../plant-simulator';

/** One station as the forecast starts from it: what the twin knows, nothing it does not. */
export interface StationObservation {
  state: StationState;
  reason?: string;
  /** Clock time the state began. */
  since: number;
  /** How long each load in process has run, when a cycle-progress metric says so; else drawn. */
  loadsElapsedMs?: number[];
  /** Finished loads waiting to be unloaded (blocked). */
  doneLoads?: number;
  /** No data yet, or stale: what it is doing is not known. */
  unknown?: boolean;
  /** Shares of the last hour spent blocked and starved: how full the buffers around it have been. */
  recent?: { blocked: number; starved: number };
}

/** The plant at one moment, as the forecast needs it. */
export interface TwinObservation {
  at: number;
  stations: Record<string, StationObservation>;
  /** Units in each buffer of the flow graph, in its order, when known (a simulator); else inferred. */
  buffers?: number[];
  /** Good units of each line's output stations in the shift so far. */
  soFar: Record<string, number>;
}

/** Cycle progress a station reports (curing presses: seconds into the cure). */
const CYCLE_PROGRESS_METRIC = 'elapsedS';

/** What the twin's snapshot tells: states with their age, cycle progress where reported, shift output. */
export function observeSnapshot(snapshot: Snapshot, plant: PlantFile): TwinObservation {
  const stations: Record<string, StationObservation> = {};
  for (const line of plant.lines) {
    for (const spec of line.stations) {
      const v = snapshot.stations[spec.id];
      if (!v) continue;
      const progress = v.metrics[CYCLE_PROGRESS_METRIC];
      const shares = snapshot.lines[line.id]?.stations?.[spec.id]?.stateShares;
      const inProcess = v.state === 'RUNNING' || v.state === 'FAULT';
      stations[spec.id] = {
        state: v.state,
        since: v.since,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
        ...(inProcess && progress !== undefined && progress > 0 ? { loadsElapsedMs: [progress * 1000] } : {}),
        ...(v.stale || v.lastUpdate === 0 || v.state === 'OFFLINE' ? { unknown: true } : {}),
        ...(shares ? { recent: { blocked: shares.BLOCKED ?? 0, starved: shares.STARVED ?? 0 } } : {}),
      };
    }
  }
  const soFar: Record<string, number> = {};
  for (const line of plant.lines) soFar[line.id] = snapshot.lines[line.id]?.good ?? 0;
  return { at: snapshot.clock, stations, soFar };
}

/** A simulated plant observed as a twin with cycle-progress data everywhere would see it (tests, back-tests). */
export function observeSimulator(sim: PlantSimulator, soFar: Record<string, number>): TwinObservation {
  const stations: Record<string, StationObservation> = {};
  for (const s of sim.stationsNow()) {
    stations[s.id] = { state: s.state, since: s.since, loadsElapsedMs: s.loadsElapsedMs, doneLoads: s.doneLoads, ...(s.reason !== undefined ? { reason: s.reason } : {}) };
  }
  return { at: sim.now, stations, buffers: sim.bufferCounts(), soFar: { ...soFar } };
}
