import type { PlantFile } from '../../shared/plant-schema';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../keyframe-json';

/** Each station's deadline, as an engine keyframe holds it. */
export type StalenessKeyframe = Record<string, JsonNumber>;

/** Shared answer for the common case: asked on every event, nothing is due. */
const NOTHING_EXPIRED: ReadonlyArray<{ station: string; at: number }> = [];

interface Watch {
  limitMs: number;
  /** Infinity once stale, until the next message. */
  deadline: number;
}

/**
 * When each station's data goes stale, on pipeline time: a station is stale once its
 * staleness limit passes without a message. The deadline is exact, so alarms and KPIs see the
 * loss at the same moment however often the clock is ticked. The only staleness clock: the
 * view (PlantState) is marked stale from its expiries too.
 */
export class StalenessTracker {
  /** One record per station, so the per-message update is a single lookup. */
  private readonly watches = new Map<string, Watch>();
  /** Never later than the earliest deadline. */
  private nextDue = -Infinity;

  constructor(plant: PlantFile, start: number) {
    for (const line of plant.lines) {
      for (const s of line.stations) {
        this.watches.set(s.id, { limitMs: s.staleAfterSeconds * 1000, deadline: start + s.staleAfterSeconds * 1000 });
      }
    }
  }

  seen(station: string, at: number): void {
    const watch = this.watches.get(station);
    if (!watch) return;
    watch.deadline = at + watch.limitMs;
    if (watch.deadline < this.nextDue) this.nextDue = watch.deadline;
  }

  /** The station was declared stale by its source (a death certificate); no second expiry. */
  markStale(station: string): void {
    const watch = this.watches.get(station);
    if (watch) watch.deadline = Infinity;
  }

  keyframe(): StalenessKeyframe {
    const out: StalenessKeyframe = {};
    for (const [station, watch] of this.watches) out[station] = toJsonNumber(watch.deadline);
    return out;
  }

  restore(kf: StalenessKeyframe): void {
    for (const [station, watch] of this.watches) {
      const deadline = kf[station];
      if (deadline !== undefined) watch.deadline = fromJsonNumber(deadline);
    }
    // The next expiry scans and finds the earliest deadline again.
    this.nextDue = -Infinity;
  }

  /** Stations whose deadline passed by `to`, in time order, each with the moment it did. */
  expire(to: number): ReadonlyArray<{ station: string; at: number }> {
    if (this.nextDue > to) return NOTHING_EXPIRED;
    const out: Array<{ station: string; at: number }> = [];
    let next = Infinity;
    for (const [station, watch] of this.watches) {
      if (watch.deadline <= to) {
        out.push({ station, at: watch.deadline });
        watch.deadline = Infinity;
      } else if (watch.deadline < next) next = watch.deadline;
    }
    this.nextDue = next;
    return out.sort((a, b) => a.at - b.at);
  }
}
