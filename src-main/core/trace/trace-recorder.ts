import type { PlantFile } from '../../shared/plant-schema';
import type { ItemVerdict, MetricSummary, TraceHealth, TraceItem } from '../../shared/trace';
import type { Clock } from '../clock';
import type { ItemEvent } from '../decode/item-event';
import { MAX_METRICS_PER_VISIT, type Acc, type MetricsRun, type Queued } from './trace-batch';
import type { SqlTx, SqlValue, TraceDb } from './trace-db';

export interface TraceRecorderOptions {
  db: TraceDb;
  plant: PlantFile;
  clock: Clock;
  /** Events waiting for the next flush; past this they are dropped and counted. */
  maxQueue?: number;
  /** An item that entered a station and has not left after this long is flagged lost. */
  lostAfterMs?: number;
  /** Items whose last event is older than this are removed (default 90 days). */
  retentionMs?: number;
  /** Open visits kept in memory (with their metric summaries); past this the oldest is flagged lost. */
  maxOpenVisits?: number;
}

const DAY = 86_400_000;
/** Deep enough for the demo's prefill (a shift of history in one burst) between two flushes. */
const DEFAULT_MAX_QUEUE = 200_000;
const DEFAULT_LOST_AFTER_MS = 12 * 3_600_000;
export const DEFAULT_MAX_OPEN_VISITS = 20_000;
/** Recent event keys remembered to tell a duplicate: a duplicate older than this is still harmless (the rows are keyed). */
const RECENT_KEYS = 50_000;
const RETENTION_EVERY_MS = 10 * 60_000;
const RETENTION_BATCH = 5_000;

const VERDICT_RANK: Record<ItemVerdict, number> = { pass: 1, rework: 2, fail: 3, scrap: 4 };

interface OpenVisit {
  item: string;
  station: string;
  enter: number;
  metrics: Map<string, Acc>;
}

/** An item row to merge: the item as the store shows it, with the columns only the store keeps (`lost` as a count). */
interface ItemPatch extends Omit<TraceItem, 'lost'> {
  verdictStation: string | null;
  verdictTs: number | null;
  lost: number;
  routed: number;
}

/** A bounded insertion-ordered set: the oldest key goes when it is full. */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly max: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** False when `key` was seen already. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value as string);
    return true;
  }
}

const summary = (metrics: Map<string, Acc>): string | null => {
  if (metrics.size === 0) return null;
  const out: Record<string, MetricSummary> = {};
  for (const [name, a] of metrics) out[name] = { min: a.min, mean: Math.round((a.sum / a.n) * 1000) / 1000, max: a.max, n: a.n };
  return JSON.stringify(out);
};

/**
 * Writes the genealogy on the store's worker thread (trace-worker.ts): batches from the pipeline
 * thread are queued (bounded, drops counted) and written in one transaction per flush, which the
 * worker runs at least once a second, so a crash loses at most the last second. Visits are summarised in memory while open (the station's
 * metrics during the stay), and only open ones. Bad input is counted by reason, never thrown.
 */
export class TraceRecorder {
  private queue: Queued[] = [];
  private readonly open = new Map<string, OpenVisit>();
  private readonly openAt = new Map<string, Set<OpenVisit>>();
  private readonly stations: Set<string>;
  private readonly recent = new RecentKeys(RECENT_KEYS);
  /** Ids produced lately: a consume of one of them needs no look-up in the store. */
  private readonly produced = new RecentKeys(RECENT_KEYS);
  /** Visits written from a leave whose enter has not come (`no-enter`), by item and station: only these can an enter complete. */
  private readonly orphans = new RecentKeys(RECENT_KEYS);
  private readonly lastTs = new Map<string, number>();
  private readonly maxQueue: number;
  private readonly lostAfterMs: number;
  private readonly retentionMs: number;
  private readonly maxOpenVisits: number;
  private flushing: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private retentionAt = -Infinity;
  private loaded: Promise<void>;
  private readonly counts = { dropped: 0, written: 0, removed: 0 };
  private readonly flagged = new Map<string, number>();
  private error: string | undefined;

  constructor(private readonly opts: TraceRecorderOptions) {
    this.stations = new Set(opts.plant.lines.flatMap((l) => l.stations.map((s) => s.id)));
    this.maxQueue = opts.maxQueue ?? DEFAULT_MAX_QUEUE;
    this.lostAfterMs = opts.lostAfterMs ?? DEFAULT_LOST_AFTER_MS;
    this.retentionMs = opts.retentionMs ?? 90 * DAY;
    this.maxOpenVisits = opts.maxOpenVisits ?? DEFAULT_MAX_OPEN_VISITS;
    this.loaded = this.loadOpenVisits().catch((err: Error) => {
      this.error = err.message;
    });
  }

  /**
   * A batch from the pipeline thread (TraceBatcher), kept for the next flush. Never blocks,
   * never throws; past the queue's bound the rest is dropped and counted.
   */
  take(batch: readonly Queued[]): void {
    const room = Math.max(0, this.maxQueue - this.queue.length);
    for (let i = 0; i < batch.length && i < room; i += 1) this.queue.push(batch[i] as Queued);
    if (batch.length > room) this.counts.dropped += batch.length - room;
  }

  /** Item and station of each open visit, once those kept in the store are loaded. */
  async openVisits(): Promise<Array<[item: string, station: string]>> {
    await this.loaded;
    return [...this.open.values()].map((v) => [v.item, v.station]);
  }

  health(): TraceHealth {
    return {
      backend: this.opts.db.dialect.name,
      ok: this.error === undefined,
      ...(this.error ? { error: this.error } : {}),
      queued: this.queue.length,
      dropped: this.counts.dropped,
      written: this.counts.written,
      removedByRetention: this.counts.removed,
      retentionDays: this.retentionMs / DAY,
      openVisits: this.open.size,
      flagged: Object.fromEntries(this.flagged),
    };
  }

  /**
   * Writes what is queued; one flush at a time. Asked during one, it answers when a second has
   * written what came meanwhile (one waits at most: later asks share it).
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again ??= this.flushing.then(() => {
        this.again = undefined;
        return this.flush();
      });
      return this.again;
    }
    this.flushing = this.writeQueued().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  private flag(reason: string, n = 1): void {
    this.flagged.set(reason, (this.flagged.get(reason) ?? 0) + n);
  }

  /** Open visits survive a restart in the store; their summaries start again from what comes next. */
  private async loadOpenVisits(): Promise<void> {
    const rows = await this.opts.db.all('SELECT item, station, enter_ts FROM visits WHERE outcome IS NULL ORDER BY enter_ts DESC LIMIT ?', [this.maxOpenVisits]);
    for (const r of rows.reverse()) this.addOpen({ item: String(r.item), station: String(r.station), enter: Number(r.enter_ts), metrics: new Map() });
    const orphans = await this.opts.db.all("SELECT item, station FROM visits WHERE flags IS NOT NULL AND flags = 'no-enter' LIMIT ?", [RECENT_KEYS]);
    for (const r of orphans) this.orphans.add(`${String(r.item)}\u0000${String(r.station)}`);
  }

  private async writeQueued(): Promise<void> {
    await this.loaded;
    const batch = this.queue;
    this.queue = [];
    const now = this.opts.clock.now();
    // Within a flush events are applied in their own time order: a leave sent before its enter still closes it.
    batch.sort((a, b) => a.ts - b.ts);
    try {
      await this.opts.db.transaction(async (tx) => {
        const items = new Map<string, ItemPatch>();
        for (const e of batch) {
          if (e.kind === 'metrics-run') this.accumulate(e);
          else await this.apply(tx, e, items);
        }
        await this.flagLost(tx, now, items);
        for (const p of items.values()) await this.mergeItem(tx, p);
      });
      this.counts.written += batch.length;
      if (batch.length > 0) this.error = undefined;
      if (now - this.retentionAt >= RETENTION_EVERY_MS) {
        this.retentionAt = now;
        await this.retain(now);
      }
    } catch (err) {
      // The batch is lost, not retried forever: counted, and the store's error shown in health.
      this.counts.dropped += batch.length;
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private accumulate(run: MetricsRun): void {
    const visits = this.openAt.get(run.station);
    if (!visits) return;
    for (const v of visits) {
      if (run.ts < v.enter) continue;
      for (const [name, r] of run.metrics) {
        const a = v.metrics.get(name);
        if (a) {
          if (r.min < a.min) a.min = r.min;
          if (r.max > a.max) a.max = r.max;
          a.sum += r.sum;
          a.n += r.n;
        } else if (v.metrics.size < MAX_METRICS_PER_VISIT) v.metrics.set(name, { ...r });
      }
    }
  }

  private patch(items: Map<string, ItemPatch>, id: string, ts: number, line: string | null): ItemPatch {
    let p = items.get(id);
    if (!p) {
      p = { id, kind: null, line, madeAt: null, madeTs: null, firstTs: ts, lastTs: ts, verdict: null, reason: null, verdictStation: null, verdictTs: null, location: null, lost: 0, routed: 0 };
      items.set(id, p);
    }
    p.firstTs = Math.min(p.firstTs, ts);
    p.lastTs = Math.max(p.lastTs, ts);
    p.line ??= line;
    return p;
  }

  private setVerdict(p: ItemPatch, verdict: ItemVerdict, reason: string | null, station: string, ts: number): void {
    if (p.verdict !== null && VERDICT_RANK[p.verdict] >= VERDICT_RANK[verdict]) return;
    p.verdict = verdict;
    p.reason = reason;
    p.verdictStation = station;
    p.verdictTs = ts;
  }

  private async apply(tx: SqlTx, e: ItemEvent, items: Map<string, ItemPatch>): Promise<void> {
    if (!this.stations.has(e.station)) {
      this.flag('unknown-station');
      return;
    }
    if (!this.recent.add(`${e.event}\u0000${e.item}\u0000${e.station}\u0000${e.ts}`)) {
      this.flag('duplicate');
      return;
    }
    const last = this.lastTs.get(e.item);
    if (last !== undefined && e.ts < last) this.flag('out-of-order');
    else {
      this.lastTs.delete(e.item);
      this.lastTs.set(e.item, e.ts);
      if (this.lastTs.size > RECENT_KEYS) this.lastTs.delete(this.lastTs.keys().next().value as string);
    }
    const p = this.patch(items, e.item, e.ts, e.line);
    switch (e.event) {
      case 'enter':
        p.routed = 1;
        return this.enter(tx, e);
      case 'leave':
      case 'scrap':
        p.routed = 1;
        if (e.event === 'scrap') this.setVerdict(p, 'scrap', e.reason ?? null, e.station, e.ts);
        return this.leave(tx, e);
      case 'produce':
        p.kind = e.productKind ?? p.kind;
        p.madeAt = e.station;
        p.madeTs = e.ts;
        this.produced.add(e.item);
        return;
      case 'consume':
        return this.consume(tx, e, items);
      case 'test': {
        const verdict = e.verdict ?? 'pass';
        if (verdict !== 'pass') this.setVerdict(p, verdict, e.reason ?? null, e.station, e.ts);
        else this.setVerdict(p, 'pass', null, e.station, e.ts);
        await tx.run('INSERT INTO tests (item, station, ts, verdict, reason, vals) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
          e.item,
          e.station,
          e.ts,
          verdict,
          e.reason ?? null,
          JSON.stringify(e.values ?? {}),
        ]);
        return;
      }
      case 'store':
        p.location = e.location ?? null;
        return;
    }
  }

  private addOpen(v: OpenVisit): void {
    const key = `${v.item}\u0000${v.station}`;
    this.open.set(key, v);
    let at = this.openAt.get(v.station);
    if (!at) {
      at = new Set();
      this.openAt.set(v.station, at);
    }
    at.add(v);
  }

  private removeOpen(v: OpenVisit): void {
    this.open.delete(`${v.item}\u0000${v.station}`);
    const at = this.openAt.get(v.station);
    at?.delete(v);
    if (at?.size === 0) this.openAt.delete(v.station);
  }

  private async enter(tx: SqlTx, e: ItemEvent): Promise<void> {
    const key = `${e.item}\u0000${e.station}`;
    const previous = this.open.get(key);
    if (previous) {
      // Entered again without leaving: the first stay is not invented an end, it is lost.
      this.removeOpen(previous);
      this.flag('lost');
      await tx.run("UPDATE visits SET outcome = 'lost' WHERE item = ? AND station = ? AND enter_ts = ?", [previous.item, previous.station, previous.enter]);
    }
    // Its leave came first (out of order): the visit written then gets its enter.
    if (this.orphans.has(key)) {
      const sql = "UPDATE visits SET enter_ts = ?, flags = NULL WHERE item = ? AND station = ? AND flags = 'no-enter' AND leave_ts >= ? AND enter_ts = leave_ts";
      if ((await tx.run(sql, [e.ts, e.item, e.station, e.ts])) > 0) return;
    }
    await tx.run('INSERT INTO visits (item, station, enter_ts) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [e.item, e.station, e.ts]);
    if (this.open.size >= this.maxOpenVisits) {
      const oldest = this.open.values().next().value as OpenVisit;
      this.removeOpen(oldest);
      this.flag('open-visits-full');
    }
    this.addOpen({ item: e.item, station: e.station, enter: e.ts, metrics: new Map() });
  }

  private async leave(tx: SqlTx, e: ItemEvent): Promise<void> {
    const outcome = e.event === 'scrap' ? 'scrap' : 'leave';
    const v = this.open.get(`${e.item}\u0000${e.station}`);
    if (v && v.enter <= e.ts) {
      this.removeOpen(v);
      await tx.run('UPDATE visits SET leave_ts = ?, outcome = ?, metrics = ? WHERE item = ? AND station = ? AND enter_ts = ?', [e.ts, outcome, summary(v.metrics), e.item, e.station, v.enter]);
      return;
    }
    // Not open here (a restart lost the summary, or the enter has not come): close the stored visit if there is one.
    const closed = await tx.run('UPDATE visits SET leave_ts = ?, outcome = ? WHERE item = ? AND station = ? AND outcome IS NULL AND enter_ts <= ?', [e.ts, outcome, e.item, e.station, e.ts]);
    if (closed > 0) return;
    this.flag('leave-without-enter');
    this.orphans.add(`${e.item}\u0000${e.station}`);
    await tx.run("INSERT INTO visits (item, station, enter_ts, leave_ts, outcome, flags) VALUES (?, ?, ?, ?, ?, 'no-enter') ON CONFLICT DO NOTHING", [e.item, e.station, e.ts, e.ts, outcome]);
  }

  private async consume(tx: SqlTx, e: ItemEvent, items: Map<string, ItemPatch>): Promise<void> {
    for (const part of e.parts ?? []) {
      const pending = items.get(part);
      const known =
        (pending !== undefined && pending.madeTs !== null) || this.produced.has(part) || (await tx.all('SELECT 1 AS known FROM items WHERE id = ? AND made_ts IS NOT NULL', [part])).length > 0;
      if (!known) this.flag('consumed-before-produced');
      this.patch(items, part, e.ts, null);
      await tx.run('INSERT INTO parts (item, part, station, ts, flags) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [e.item, part, e.station, e.ts, known ? null : 'consumed-before-produced']);
    }
  }

  /** Visits open longer than the limit: flagged lost, not given an invented route. */
  private async flagLost(tx: SqlTx, now: number, items: Map<string, ItemPatch>): Promise<void> {
    const limit = now - this.lostAfterMs;
    for (const v of this.open.values()) {
      if (v.enter >= limit) continue;
      this.removeOpen(v);
      this.flag('lost');
      await tx.run("UPDATE visits SET outcome = 'lost', metrics = ? WHERE item = ? AND station = ? AND enter_ts = ?", [summary(v.metrics), v.item, v.station, v.enter]);
      this.patch(items, v.item, v.enter, null).lost = 1;
    }
  }

  private async mergeItem(tx: SqlTx, p: ItemPatch): Promise<void> {
    const { greatest, least } = this.opts.db.dialect;
    const rank = p.verdict ? VERDICT_RANK[p.verdict] : 0;
    const params: SqlValue[] = [p.id, p.kind, p.line, p.madeAt, p.madeTs, p.firstTs, p.lastTs, p.verdict, rank, p.reason, p.verdictStation, p.verdictTs, p.location, p.lost, p.routed];
    await tx.run(
      `INSERT INTO items (id, kind, line, made_at, made_ts, first_ts, last_ts, verdict, verdict_rank, reason, verdict_station, verdict_ts, location, lost, routed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         kind = COALESCE(excluded.kind, items.kind),
         line = COALESCE(items.line, excluded.line),
         made_at = COALESCE(excluded.made_at, items.made_at),
         made_ts = COALESCE(excluded.made_ts, items.made_ts),
         first_ts = ${least}(items.first_ts, excluded.first_ts),
         last_ts = ${greatest}(items.last_ts, excluded.last_ts),
         verdict = CASE WHEN excluded.verdict_rank > items.verdict_rank THEN excluded.verdict ELSE items.verdict END,
         reason = CASE WHEN excluded.verdict_rank > items.verdict_rank THEN excluded.reason ELSE items.reason END,
         verdict_station = CASE WHEN excluded.verdict_rank > items.verdict_rank THEN excluded.verdict_station ELSE items.verdict_station END,
         verdict_ts = CASE WHEN excluded.verdict_rank > items.verdict_rank THEN excluded.verdict_ts ELSE items.verdict_ts END,
         verdict_rank = ${greatest}(items.verdict_rank, excluded.verdict_rank),
         location = COALESCE(excluded.location, items.location),
         lost = ${greatest}(items.lost, excluded.lost),
         routed = ${greatest}(items.routed, excluded.routed)`,
      params,
    );
  }

  /** Removes items whose last event is older than the retention, oldest first, a batch at a time. */
  private async retain(now: number): Promise<void> {
    const cutoff = now - this.retentionMs;
    const db = this.opts.db;
    for (;;) {
      const removed = await db.transaction(async (tx) => {
        const ids = (await tx.all('SELECT id FROM items WHERE last_ts < ? ORDER BY last_ts LIMIT ?', [cutoff, RETENTION_BATCH])).map((r) => r.id as string);
        if (ids.length === 0) return 0;
        const list = ids.map(() => '?').join(', ');
        for (const table of ['visits', 'tests', 'parts']) await tx.run(`DELETE FROM ${table} WHERE item IN (${list})`, ids);
        await tx.run(`DELETE FROM items WHERE id IN (${list})`, ids);
        return ids.length;
      });
      this.counts.removed += removed;
      if (removed < RETENTION_BATCH) return;
    }
  }

  /** Runs retention now (tests, and hosts that want it at start). */
  async retainNow(): Promise<void> {
    await this.flush();
    this.retentionAt = this.opts.clock.now();
    await this.retain(this.retentionAt);
  }
}
