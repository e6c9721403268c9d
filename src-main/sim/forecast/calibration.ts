import type { CalibratedFigure, StationCalibration } from '../../shared/forecast';
import type { PlantFile, StationSpec } from '../../shared/plant-schema';
import type { StationState } from '../../shared/station-state';
import type { TelemetryEvent } from '../../shared/telemetry';
import { expectedProcessS, profileFor } from '../station-profiles';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Weight of the prior in observations' worth: a few cycles or one repair do not overturn the plant file. */
const CYCLE_PRIOR_WEIGHT = 5;
const REPAIR_PRIOR_WEIGHT = 2;
/** The prior MTBF counts as this many failures seen over that many MTBFs of running time. */
const FAILURE_PRIOR_WEIGHT = 1;
/** The process-time metric a station reports (the simulator's, and a common PLC tag). */
const CYCLE_METRIC = 'cycleTimeS';
/** States in which a machine can fail (the simulator's failure clock runs while it is not down). */
const EXPOSED: ReadonlySet<StationState> = new Set(['RUNNING', 'IDLE', 'STARVED', 'BLOCKED']);

interface Watch {
  spec: StationSpec;
  expectedS: number;
  state: StationState | undefined;
  since: number;
  /** The fault's start was seen (not a fault already in course at the first message). */
  faultSeen: boolean;
  lastCycleS: number | undefined;
  cycleRatios: number;
  cycles: number;
  repairMs: number;
  repairs: number;
  failures: number;
  exposedMs: number;
}

const figure = (prior: number, value: number, n: number): CalibratedFigure => ({ prior, value, n });

/**
 * Each station's cycle-time factor, MTBF and MTTR from what the twin sees (state changes,
 * process-time metrics), the station profile and plant file as the prior: with no data the
 * forecast runs on the prior, and data moves it in proportion to how much there is.
 */
export class Calibrator {
  private readonly watches = new Map<string, Watch>();

  constructor(plant: PlantFile) {
    for (const line of plant.lines) {
      for (const spec of line.stations) {
        const profile = profileFor(spec.type);
        this.watches.set(spec.id, { spec, expectedS: expectedProcessS(profile, spec), state: undefined, since: 0, faultSeen: false, lastCycleS: undefined, cycleRatios: 0, cycles: 0, repairMs: 0, repairs: 0, failures: 0, exposedMs: 0 });
      }
    }
  }

  /** Every event the engine applies passes here: the cheap tests come before the station lookup. */
  onEvent(e: TelemetryEvent): void {
    if (e.kind === 'metrics') {
      const c = e.values[CYCLE_METRIC];
      if (c === undefined || !(c > 0)) return;
      const w = this.watches.get(e.station);
      if (!w || c === w.lastCycleS) return;
      w.lastCycleS = c;
      w.cycleRatios += c / w.expectedS;
      w.cycles += 1;
    } else if (e.kind === 'state' || e.kind === 'stale') {
      const w = this.watches.get(e.station);
      if (w) this.changeState(w, e.kind === 'state' ? e.state : undefined, e.ts);
    }
  }

  private changeState(w: Watch, state: StationState | undefined, at: number): void {
    if (state === w.state) return;
    const was = w.state;
    if (was !== undefined && at > w.since) {
      if (EXPOSED.has(was)) w.exposedMs += at - w.since;
      if (was === 'FAULT' && w.faultSeen) {
        w.repairMs += at - w.since;
        w.repairs += 1;
      }
    }
    // A fault seen from its start is a failure; one already in course when data begins is only half seen.
    w.faultSeen = state === 'FAULT' && was !== undefined;
    if (w.faultSeen) w.failures += 1;
    w.state = state;
    w.since = at;
  }

  /** The calibrated figures of every station that has any observation, at time `now`. */
  estimates(now: number): Record<string, StationCalibration> {
    const out: Record<string, StationCalibration> = {};
    for (const [id, w] of this.watches) {
      const profile = profileFor(w.spec.type);
      const exposedMs = w.exposedMs + (w.state !== undefined && EXPOSED.has(w.state) && now > w.since ? now - w.since : 0);
      if (w.cycles === 0 && w.repairs === 0 && exposedMs === 0) continue;
      const observedH = exposedMs / HOUR;
      out[id] = {
        cycleFactor: figure(1, (CYCLE_PRIOR_WEIGHT + w.cycleRatios) / (CYCLE_PRIOR_WEIGHT + w.cycles), w.cycles),
        mtbfH: { ...figure(profile.mtbfH, (FAILURE_PRIOR_WEIGHT * profile.mtbfH + observedH) / (FAILURE_PRIOR_WEIGHT + w.failures), w.failures), observedH },
        mttrMin: figure(profile.mttrMin, (REPAIR_PRIOR_WEIGHT * profile.mttrMin + w.repairMs / MINUTE) / (REPAIR_PRIOR_WEIGHT + w.repairs), w.repairs),
      };
    }
    return out;
  }
}
