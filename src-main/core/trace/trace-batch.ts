import type { TelemetryEvent } from '../../shared/telemetry';
import type { ItemEvent } from '../decode/item-event';

/** Metrics summarised per visit: a station with more names keeps the first ones. */
export const MAX_METRICS_PER_VISIT = 32;

export interface Acc {
  min: number;
  max: number;
  sum: number;
  n: number;
}

/** A station's metrics between two of its item events, summarised as they arrive; `ts` is the first one's. */
export interface MetricsRun {
  kind: 'metrics-run';
  station: string;
  ts: number;
  metrics: Map<string, Acc>;
}

/** What the pipeline thread hands the genealogy writer: item events, and metrics as running summaries. */
export type Queued = ItemEvent | MetricsRun;

export function mergeValues(into: Map<string, Acc>, values: Record<string, number>): void {
  for (const name in values) {
    const x = values[name] as number;
    const a = into.get(name);
    if (a) {
      if (x < a.min) a.min = x;
      if (x > a.max) a.max = x;
      a.sum += x;
      a.n += 1;
    } else if (into.size < MAX_METRICS_PER_VISIT) into.set(name, { min: x, max: x, sum: x, n: 1 });
  }
}

/**
 * The pipeline thread's share of the genealogy: engine events into a batch for the writer. A
 * station's metrics between two of its item events go in as one running summary, not one by one,
 * so a batch holds about as many entries as item events; and only for a station with an item in
 * it as this thread has seen (enters less leaves, bounded, seeded with the writer's open visits),
 * since only open visits keep metrics. Whether a summary falls within a visit is the writer's call.
 */
export class TraceBatcher {
  private batch: Queued[] = [];
  private tails = new Map<string, MetricsRun>();
  /** Item and station of each stay seen entering and not yet leaving, oldest first. */
  private readonly stays = new Map<string, string>();
  private readonly occupied = new Map<string, number>();

  constructor(
    private readonly maxStays: number,
    open: ReadonlyArray<readonly [item: string, station: string]> = [],
  ) {
    for (const [item, station] of open) this.enter(item, station);
  }

  get size(): number {
    return this.batch.length;
  }

  /** Adds an engine event; false when it needed a new entry and `room` refused it. */
  add(e: TelemetryEvent, room: () => boolean): boolean {
    if (e.kind === 'metrics') {
      const tail = this.tails.get(e.station);
      if (tail) {
        mergeValues(tail.metrics, e.values);
        return true;
      }
      if (!this.occupied.has(e.station)) return true;
      if (!room()) return false;
      const run: MetricsRun = { kind: 'metrics-run', station: e.station, ts: e.ts, metrics: new Map() };
      mergeValues(run.metrics, e.values);
      this.tails.set(e.station, run);
      this.batch.push(run);
      return true;
    }
    if (e.kind !== 'item') return true;
    if (!room()) return false;
    this.batch.push(e);
    this.tails.delete(e.station);
    if (e.event === 'enter') this.enter(e.item, e.station);
    else if (e.event === 'leave' || e.event === 'scrap') this.leave(`${e.item}\u0000${e.station}`);
    return true;
  }

  /** The batch so far; the next one starts empty. */
  take(): Queued[] {
    const out = this.batch;
    this.batch = [];
    this.tails = new Map();
    return out;
  }

  private enter(item: string, station: string): void {
    const key = `${item}\u0000${station}`;
    if (this.stays.has(key)) return;
    this.stays.set(key, station);
    this.occupied.set(station, (this.occupied.get(station) ?? 0) + 1);
    // Past the bound the oldest stay is forgotten here, as the writer forgets its oldest open visit.
    if (this.stays.size > this.maxStays) this.leave(this.stays.keys().next().value as string);
  }

  private leave(key: string): void {
    const station = this.stays.get(key);
    if (station === undefined) return;
    this.stays.delete(key);
    const n = (this.occupied.get(station) ?? 1) - 1;
    if (n > 0) this.occupied.set(station, n);
    else this.occupied.delete(station);
  }
}
