import type { PlantFile } from '../../shared/plant-schema';

/**
 * When each station's data goes stale, on pipeline time: a station is stale once its
 * staleness limit passes without a message. The deadline is exact, so alarms and KPIs see the
 * loss at the same moment however often the clock is ticked.
 */
/** Shared answer for the common case: asked on every event, nothing is due. */
const NOTHING_EXPIRED: ReadonlyArray<{ station: string; at: number }> = [];

export class StalenessTracker {
  private readonly limitMs = new Map<string, number>();
  /** Infinity once stale, until the next message. */
  private readonly deadline = new Map<string, number>();
  /** Never later than the earliest deadline. */
  private nextDue = -Infinity;

  constructor(plant: PlantFile, start: number) {
    for (const line of plant.lines) {
      for (const s of line.stations) {
        this.limitMs.set(s.id, s.staleAfterSeconds * 1000);
        this.deadline.set(s.id, start + s.staleAfterSeconds * 1000);
      }
    }
  }

  seen(station: string, at: number): void {
    const limit = this.limitMs.get(station);
    if (limit === undefined) return;
    this.deadline.set(station, at + limit);
    this.nextDue = Math.min(this.nextDue, at + limit);
  }

  /** The station was declared stale by its source (a death certificate); no second expiry. */
  markStale(station: string): void {
    if (this.deadline.has(station)) this.deadline.set(station, Infinity);
  }

  /** Stations whose deadline passed by `to`, in time order, each with the moment it did. */
  expire(to: number): ReadonlyArray<{ station: string; at: number }> {
    if (this.nextDue > to) return NOTHING_EXPIRED;
    const out: Array<{ station: string; at: number }> = [];
    let next = Infinity;
    for (const [station, due] of this.deadline) {
      if (due <= to) {
        out.push({ station, at: due });
        this.deadline.set(station, Infinity);
      } else if (due < next) next = due;
    }
    this.nextDue = next;
    return out.sort((a, b) => a.at - b.at);
  }
}
