import type { PlantFile } from '../../shared/plant-schema';
import type {
  ItemCard,
  ItemVerdict,
  LotView,
  MetricSummary,
  QualitySummary,
  StationItems,
  TestVerdict,
  TraceItem,
  TraceLink,
  TracePart,
  TraceSearchHit,
  TracedItem,
  VerdictItem,
  VerdictQuery,
} from '../../shared/trace';
import type { SqlRow, SqlValue, TraceDb } from './trace-db';

/** A genealogy deeper than this is cut (a lot consumed by itself would loop). */
const MAX_DEPTH = 12;
export const MAX_TRACED_ITEMS = 20_000;
export const MAX_STATION_ITEMS = 2_000;
const MAX_SEARCH_HITS = 20;
const MAX_VERDICT_ITEMS = 1_000;
const HOUR = 3_600_000;
/** A quality trend longer than a week is cut (hourly points). */
const MAX_TREND_HOURS = 168;

const str = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: SqlValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const flags = (v: SqlValue | undefined): string[] => (typeof v === 'string' && v.length > 0 ? v.split(',') : []);
const parseJson = <T>(v: SqlValue | undefined, fallback: T): T => {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

const ITEM_COLUMNS = 'id, kind, line, made_at, made_ts, first_ts, last_ts, verdict, reason, location, lost';

function toItem(r: SqlRow): TraceItem {
  return {
    id: String(r.id),
    kind: str(r.kind),
    line: str(r.line),
    madeAt: str(r.made_at),
    madeTs: num(r.made_ts),
    firstTs: Number(r.first_ts),
    lastTs: Number(r.last_ts),
    verdict: str(r.verdict) as ItemVerdict | null,
    reason: str(r.reason),
    location: str(r.location),
    lost: Number(r.lost) > 0,
  };
}

/**
 * The queries of the genealogy store, one SQL text for both backends; every lookup is by an
 * index (item id, part, station and time, test time, verdict time), none scans the events.
 */
export class TraceQueries {
  constructor(private readonly db: TraceDb) {}

  private async item(id: string): Promise<TraceItem | undefined> {
    const row = (await this.db.all(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, [id]))[0];
    return row && toItem(row);
  }

  private async parts(id: string): Promise<TracePart[]> {
    const rows = await this.db.all('SELECT p.part, p.station, p.ts, p.flags, i.kind FROM parts p LEFT JOIN items i ON i.id = p.part WHERE p.item = ? ORDER BY p.ts, p.part', [id]);
    return rows.map((r) => ({ id: String(r.part), kind: str(r.kind), ts: Number(r.ts), station: String(r.station ?? ''), flags: flags(r.flags) }));
  }

  /** Item by id: route with per-visit summaries, tests, parts, every lot in it (backward trace) and what it went into. */
  async itemCard(id: string): Promise<ItemCard | undefined> {
    const item = await this.item(id);
    if (!item) return undefined;
    const visits = await this.db.all('SELECT station, enter_ts, leave_ts, outcome, flags, metrics FROM visits WHERE item = ? ORDER BY enter_ts', [id]);
    const tests = await this.db.all('SELECT station, ts, verdict, reason, vals FROM tests WHERE item = ? ORDER BY ts', [id]);
    const usedIn = await this.db.all('SELECT item FROM parts WHERE part = ? ORDER BY ts LIMIT ?', [id, MAX_SEARCH_HITS * 10]);
    return {
      item,
      route: visits.map((v) => ({
        station: String(v.station),
        enter: Number(v.enter_ts),
        leave: num(v.leave_ts),
        outcome: str(v.outcome) as 'leave' | 'scrap' | 'lost' | null,
        flags: flags(v.flags),
        metrics: parseJson<Record<string, MetricSummary>>(v.metrics, {}),
      })),
      tests: tests.map((t) => ({ station: String(t.station), ts: Number(t.ts), verdict: String(t.verdict) as TestVerdict, reason: str(t.reason), values: parseJson<Record<string, number>>(t.vals, {}) })),
      parts: await this.parts(id),
      backward: await this.backward(id),
      usedIn: usedIn.map((r) => ({ item: String(r.item), part: id, depth: 1 })),
    };
  }

  /** Every lot in an item, recursively: the edges item ← part with their depth from it. */
  async backward(id: string): Promise<TraceLink[]> {
    const rows = await this.db.all(
      `WITH RECURSIVE back(item, part, depth) AS (
         SELECT item, part, 1 FROM parts WHERE item = ?
         UNION
         SELECT p.item, p.part, b.depth + 1 FROM parts p JOIN back b ON p.item = b.part WHERE b.depth < ?
       )
       SELECT item, part, MIN(depth) AS depth FROM back GROUP BY item, part ORDER BY MIN(depth), item, part LIMIT ?`,
      [id, MAX_DEPTH, MAX_TRACED_ITEMS],
    );
    return rows.map((r) => ({ item: String(r.item), part: String(r.part), depth: Number(r.depth) }));
  }

  /** Every item and lot made with `id`, recursively, with verdicts. */
  async forward(id: string): Promise<{ items: TracedItem[]; truncated: boolean }> {
    const rows = await this.db.all(
      `WITH RECURSIVE fwd(id, depth) AS (
         SELECT item, 1 FROM parts WHERE part = ?
         UNION
         SELECT p.item, f.depth + 1 FROM parts p JOIN fwd f ON p.part = f.id WHERE f.depth < ?
       )
       SELECT f.id, MIN(f.depth) AS depth, i.kind, i.verdict, i.reason, i.made_ts, i.last_ts, i.routed, i.location
       FROM fwd f LEFT JOIN items i ON i.id = f.id
       GROUP BY f.id, i.kind, i.verdict, i.reason, i.made_ts, i.last_ts, i.routed, i.location
       ORDER BY MIN(f.depth), f.id LIMIT ?`,
      [id, MAX_DEPTH, MAX_TRACED_ITEMS + 1],
    );
    const truncated = rows.length > MAX_TRACED_ITEMS;
    const items = rows.slice(0, MAX_TRACED_ITEMS).map(
      (r): TracedItem => ({
        id: String(r.id),
        kind: str(r.kind),
        depth: Number(r.depth),
        verdict: str(r.verdict) as ItemVerdict | null,
        reason: str(r.reason),
        madeTs: num(r.made_ts),
        lastTs: Number(r.last_ts ?? 0),
        routed: Number(r.routed) > 0,
        location: str(r.location),
      }),
    );
    return { items, truncated };
  }

  /** A lot: where and when it was made, what it was made from, every item made with it and their verdicts. */
  async lotView(id: string): Promise<LotView | undefined> {
    const lot = await this.item(id);
    if (!lot) return undefined;
    const { items, truncated } = await this.forward(id);
    const verdicts: LotView['verdicts'] = { pass: 0, fail: 0, rework: 0, scrap: 0, open: 0 };
    for (const i of items) if (i.routed) verdicts[i.verdict ?? 'open'] += 1;
    return { lot, parts: await this.parts(id), items, verdicts, truncated };
  }

  /** Ids starting with `prefix` (the search box while typing), in id order. */
  async search(prefix: string, limit = MAX_SEARCH_HITS): Promise<TraceSearchHit[]> {
    if (prefix.length === 0) return [];
    const rows = await this.db.all('SELECT id, kind, routed FROM items WHERE id >= ? AND id < ? ORDER BY id LIMIT ?', [prefix, `${prefix}\uffff`, Math.min(limit, MAX_SEARCH_HITS)]);
    return rows.map((r) => ({ id: String(r.id), kind: str(r.kind), isLot: Number(r.routed) === 0 }));
  }

  /** Items through a station whose stay began in [from, to), newest first. */
  async stationItems(station: string, from: number, to: number, limit = MAX_STATION_ITEMS): Promise<StationItems> {
    const n = Math.min(limit, MAX_STATION_ITEMS);
    const rows = await this.db.all(
      `SELECT v.item, v.enter_ts, v.leave_ts, v.outcome, i.verdict FROM visits v LEFT JOIN items i ON i.id = v.item
       WHERE v.station = ? AND v.enter_ts >= ? AND v.enter_ts < ? ORDER BY v.enter_ts DESC LIMIT ?`,
      [station, from, to, n + 1],
    );
    return {
      station,
      from,
      to,
      visits: rows.slice(0, n).map((r) => ({ item: String(r.item), enter: Number(r.enter_ts), leave: num(r.leave_ts), outcome: str(r.outcome) as 'leave' | 'scrap' | 'lost' | null, verdict: str(r.verdict) as ItemVerdict | null })),
      truncated: rows.length > n,
    };
  }

  /** Items whose standing (worst verdict) was set in [from, to), by verdict and reason. */
  async itemsByVerdict(q: VerdictQuery, limit = MAX_VERDICT_ITEMS): Promise<VerdictItem[]> {
    const where = ['verdict IS NOT NULL', 'verdict_ts >= ?', 'verdict_ts < ?'];
    const params: SqlValue[] = [q.from, q.to];
    if (q.verdict) {
      where.push('verdict = ?');
      params.push(q.verdict);
    }
    if (q.reason) {
      where.push('reason = ?');
      params.push(q.reason);
    }
    if (q.line) {
      where.push('line = ?');
      params.push(q.line);
    }
    params.push(Math.min(limit, MAX_VERDICT_ITEMS));
    const rows = await this.db.all(`SELECT id, verdict, reason, verdict_station, verdict_ts FROM items WHERE ${where.join(' AND ')} ORDER BY verdict_ts DESC LIMIT ?`, params);
    return rows.map((r) => ({ id: String(r.id), verdict: String(r.verdict) as ItemVerdict, reason: str(r.reason), station: str(r.verdict_station), ts: Number(r.verdict_ts) }));
  }

  /**
   * A line's quality over [from, to): first-pass yield (items whose every test there passed the
   * first time, of the items tested), rejects by reason and by station, the latest rejects.
   */
  async quality(plant: PlantFile, line: string, from: number, to: number): Promise<QualitySummary | undefined> {
    const spec = plant.lines.find((l) => l.id === line);
    if (!spec) return undefined;
    const stations = spec.stations.map((s) => s.id);
    const marks = stations.map(() => '?').join(', ');
    const rows = await this.db.all(`SELECT item, station, ts, verdict, reason FROM tests WHERE ts >= ? AND ts < ? AND station IN (${marks}) ORDER BY ts`, [from, to, ...stations]);
    const passedAll = new Map<string, boolean>();
    const firstTestAt = new Map<string, number>();
    const byReason: Record<string, number> = {};
    const byStation: Record<string, number> = {};
    const rejects: VerdictItem[] = [];
    for (const r of rows) {
      const item = String(r.item);
      const pass = r.verdict === 'pass';
      passedAll.set(item, (passedAll.get(item) ?? true) && pass);
      if (!firstTestAt.has(item)) firstTestAt.set(item, Number(r.ts));
      if (pass) continue;
      const reason = str(r.reason) ?? String(r.verdict);
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      byStation[String(r.station)] = (byStation[String(r.station)] ?? 0) + 1;
      rejects.push({ id: item, verdict: String(r.verdict) as TestVerdict, reason: str(r.reason), station: String(r.station), ts: Number(r.ts) });
    }
    const tested = passedAll.size;
    const firstPass = [...passedAll.values()].filter(Boolean).length;
    const hours = Math.min(MAX_TREND_HOURS, Math.ceil((to - from) / HOUR));
    const buckets = Array.from({ length: hours }, (_, i) => ({ from: from + i * HOUR, tested: 0, passed: 0 }));
    for (const [item, at] of firstTestAt) {
      const b = buckets[Math.floor((at - from) / HOUR)];
      if (!b) continue;
      b.tested += 1;
      if (passedAll.get(item)) b.passed += 1;
    }
    return {
      line,
      from,
      to,
      tested,
      firstPass,
      firstPassYield: tested > 0 ? firstPass / tested : null,
      rejectsByReason: byReason,
      rejectsByStation: byStation,
      recentRejects: rejects.slice(-50).reverse(),
      trend: buckets.map((b) => ({ from: b.from, tested: b.tested, firstPassYield: b.tested > 0 ? b.passed / b.tested : null })),
    };
  }
}
