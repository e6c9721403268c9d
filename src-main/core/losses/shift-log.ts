import type { PlantFile } from '../../shared/plant-schema';
import type { StationState } from '../../shared/station-state';
import type { TelemetryEvent } from '../../shared/telemetry';

/** A station's state from `start` until the next change. */
export interface StateChange {
  start: number;
  state: StationState;
  reason: string;
}

export interface CountEntry {
  t: number;
  good: number;
  reject: number;
}

/** A state held over [start, end). */
export interface StateInterval extends StateChange {
  end: number;
}

/** Per station this many state changes and counts are kept; the oldest make room and are counted as dropped. */
const MAX_ENTRIES = 200_000;
/** Room is made this many entries at a time, so a flood of changes does not move the whole list for each one. */
const DROP_BATCH = MAX_ENTRIES / 10;

interface StationLog {
  changes: StateChange[];
  counts: CountEntry[];
  lastTotals: { good: number; reject: number } | undefined;
  lastT: number;
}

/**
 * What loss analysis needs of a stretch of telemetry: each station's state changes with their
 * reasons, and its output as deltas in time (totals turned into deltas; a decrease is a counter
 * reset). Fed with the engine's events live, or with a recording's events for a past shift.
 * Times never go backwards per station: a late event counts at the latest time seen.
 */
export class ShiftLog {
  private readonly stations = new Map<string, StationLog>();
  private droppedEntries = 0;

  constructor(
    plant: PlantFile,
    start: number,
    /** Told of entries dropped, so the host can count them where drops are shown (health, status bar). */
    private readonly onDrop: (count: number) => void = () => undefined,
  ) {
    for (const line of plant.lines) {
      for (const s of line.stations) this.stations.set(s.id, { changes: [{ start, state: 'OFFLINE', reason: '' }], counts: [], lastTotals: undefined, lastT: start });
    }
  }

  get dropped(): number {
    return this.droppedEntries;
  }

  onEvent(event: TelemetryEvent): void {
    const log = this.stations.get(event.station);
    if (!log) return;
    const t = Math.max(log.lastT, event.ts);
    log.lastT = t;
    if (event.kind === 'state') this.change(log, { start: t, state: event.state, reason: event.reason ?? '' });
    else if (event.kind === 'stale') this.change(log, { start: t, state: 'OFFLINE', reason: event.reason });
    else if (event.kind === 'count') this.count(log, t, event.good, event.reject);
  }

  /** Forgets what lies before `t`, keeping the state each station was in at `t`. */
  trimBefore(t: number): void {
    for (const log of this.stations.values()) {
      const keepFrom = Math.max(0, lastIndexAtOrBefore(log.changes, t));
      if (keepFrom > 0) log.changes.splice(0, keepFrom);
      const firstCount = log.counts.findIndex((c) => c.t >= t);
      log.counts.splice(0, firstCount < 0 ? log.counts.length : firstCount);
    }
  }

  /** The station's states over [from, to), the first one from whatever held at `from`. */
  intervals(station: string, from: number, to: number): StateInterval[] {
    const log = this.stations.get(station);
    if (!log || to <= from) return [];
    const out: StateInterval[] = [];
    const first = Math.max(0, lastIndexAtOrBefore(log.changes, from));
    // Before the oldest change kept (the log starts later, or its oldest were dropped) nothing is known.
    const oldest = log.changes[0]?.start ?? to;
    if (oldest > from) out.push({ start: from, end: Math.min(to, oldest), state: 'OFFLINE', reason: '' });
    for (let i = first; i < log.changes.length; i += 1) {
      const c = log.changes[i] as StateChange;
      if (c.start >= to) break;
      const start = Math.max(from, c.start);
      const end = Math.min(to, log.changes[i + 1]?.start ?? to);
      if (end <= start) continue;
      const prev = out[out.length - 1];
      if (prev && prev.state === c.state && prev.reason === c.reason && prev.end === start) prev.end = end;
      else out.push({ start, end, state: c.state, reason: c.reason });
    }
    if (out.length === 0) out.push({ start: from, end: to, state: 'OFFLINE', reason: '' });
    return out;
  }

  /** Units counted in [from, to). */
  counts(station: string, from: number, to: number): { good: number; reject: number } {
    let good = 0;
    let reject = 0;
    for (const c of this.stations.get(station)?.counts ?? []) {
      if (c.t < from || c.t >= to) continue;
      good += c.good;
      reject += c.reject;
    }
    return { good, reject };
  }

  private change(log: StationLog, change: StateChange): void {
    const last = log.changes[log.changes.length - 1];
    if (last && last.state === change.state && last.reason === change.reason) return;
    if (last && last.start === change.start) log.changes.pop();
    log.changes.push(change);
    if (log.changes.length > MAX_ENTRIES) this.drop(log.changes);
  }

  private drop(entries: unknown[]): void {
    entries.splice(0, DROP_BATCH);
    this.droppedEntries += DROP_BATCH;
    this.onDrop(DROP_BATCH);
  }

  private count(log: StationLog, t: number, good: number, reject: number): void {
    const last = log.lastTotals;
    log.lastTotals = { good, reject };
    // The first totals seen are where the counter stood, not output; a decrease is a reset.
    if (!last) return;
    const dGood = good >= last.good ? good - last.good : good;
    const dReject = reject >= last.reject ? reject - last.reject : reject;
    if (dGood + dReject <= 0) return;
    log.counts.push({ t, good: dGood, reject: dReject });
    if (log.counts.length > MAX_ENTRIES) this.drop(log.counts);
  }
}

/** Index of the last entry starting at or before `t`, -1 when none does. */
function lastIndexAtOrBefore(changes: StateChange[], t: number): number {
  let lo = 0;
  let hi = changes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((changes[mid] as StateChange).start <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
