/**
 * Item events and genealogy (DESIGN.md "Item events and genealogy"): what an item event says
 * beyond enter/leave, and the records the genealogy store answers with.
 */

export const ITEM_EVENT_KINDS = ['enter', 'leave', 'scrap', 'produce', 'consume', 'test', 'store'] as const;
export type ItemEventKind = (typeof ITEM_EVENT_KINDS)[number];

export const TEST_VERDICTS = ['pass', 'fail', 'rework'] as const;
export type TestVerdict = (typeof TEST_VERDICTS)[number];

/** An item's standing: its worst test verdict, or scrapped; null before any test. */
export type ItemVerdict = TestVerdict | 'scrap';

/** The fields of an item event beyond `ts`, `item`, `station` and `event`; which apply depends on the event. */
export interface ItemEventDetail {
  /** produce: what comes into being (compound-batch, tread, green-tire, cabinet). JSON field `kind`. */
  productKind?: string;
  /** consume: the lots or components `item` is made with. */
  parts?: string[];
  /** test: measured values. */
  values?: Record<string, number>;
  verdict?: TestVerdict;
  /** test (fail/rework) and scrap: why. */
  reason?: string;
  /** store: the storage location (AS/RS slot). */
  location?: string;
}

/** min/mean/max of one metric of the station during a visit. */
export interface MetricSummary {
  min: number;
  mean: number;
  max: number;
  n: number;
}

/** One stay of an item at a station: enter → leave (or scrap, or lost). */
export interface TraceVisit {
  station: string;
  enter: number;
  /** Null while the item is there, or when it never left (lost). */
  leave: number | null;
  outcome: 'leave' | 'scrap' | 'lost' | null;
  /** Flags on the record: `no-enter` (a leave without its enter). */
  flags: string[];
  metrics: Record<string, MetricSummary>;
}

export interface TraceTest {
  station: string;
  ts: number;
  verdict: TestVerdict;
  reason: string | null;
  values: Record<string, number>;
}

/** A consumed part: `flags` has `consumed-before-produced` when the part was not known when consumed. */
export interface TracePart {
  id: string;
  kind: string | null;
  ts: number;
  station: string;
  flags: string[];
}

/** An item or lot as the store knows it. */
export interface TraceItem {
  id: string;
  kind: string | null;
  line: string | null;
  /** Where and when it came into being (its produce event), when known. */
  madeAt: string | null;
  madeTs: number | null;
  firstTs: number;
  lastTs: number;
  verdict: ItemVerdict | null;
  reason: string | null;
  location: string | null;
  /** Set when the item was flagged lost at a station. */
  lost: boolean;
}

/** `GET /api/trace/item/{id}`. */
export interface ItemCard {
  item: TraceItem;
  route: TraceVisit[];
  tests: TraceTest[];
  /** Direct parts; `backward` has every lot in it, recursively. */
  parts: TracePart[];
  backward: TraceLink[];
  /** What this item went into (when it is a lot or component). */
  usedIn: TraceLink[];
}

/** One edge of a genealogy tree: `item` was made with `part`, `depth` steps from the root. */
export interface TraceLink {
  item: string;
  part: string;
  depth: number;
}

/** An item reached by a forward trace, with its standing. */
export interface TracedItem {
  id: string;
  kind: string | null;
  depth: number;
  verdict: ItemVerdict | null;
  reason: string | null;
  madeTs: number | null;
  lastTs: number;
  /** A tracked unit (it has a route), as opposed to a lot. */
  routed: boolean;
  /** Where it was stored, if it was. */
  location: string | null;
}

/** `GET /api/trace/lot/{id}`: the lot and everything made with it, recursively. */
export interface LotView {
  lot: TraceItem;
  /** The lots it was made from. */
  parts: TracePart[];
  /** Every item and lot it went into, recursively. */
  items: TracedItem[];
  /** Over the tracked products among `items` (those with a route). */
  verdicts: Record<ItemVerdict | 'open', number>;
  truncated: boolean;
}

/** `GET /api/trace/station/{id}?from=&to=`. */
export interface StationItems {
  station: string;
  from: number;
  to: number;
  visits: Array<{ item: string; enter: number; leave: number | null; outcome: TraceVisit['outcome']; verdict: ItemVerdict | null }>;
  truncated: boolean;
}

/** Items by verdict or reason in a time range (the quality panel's rejects). */
export interface VerdictQuery {
  from: number;
  to: number;
  verdict?: ItemVerdict;
  reason?: string;
  line?: string;
}

export interface VerdictItem {
  id: string;
  verdict: ItemVerdict;
  reason: string | null;
  station: string | null;
  ts: number;
}

/** Quality of a line over a range: first-pass yield and rejects by reason and station. */
export interface QualitySummary {
  line: string;
  from: number;
  to: number;
  /** Items with at least one test in the range. */
  tested: number;
  /** Of those, items whose every test passed the first time. */
  firstPass: number;
  firstPassYield: number | null;
  rejectsByReason: Record<string, number>;
  rejectsByStation: Record<string, number>;
  recentRejects: VerdictItem[];
  /** First-pass yield per hour of the range, by each item's first test there (null: none tested that hour). */
  trend: Array<{ from: number; tested: number; firstPassYield: number | null }>;
}

/** Search hits while typing: items and lots by id prefix. */
export interface TraceSearchHit {
  id: string;
  kind: string | null;
  /** A lot (it went into something, or was produced without a route) or a tracked item. */
  isLot: boolean;
}

/** The genealogy store in health: what it holds, what it refused or flagged, what it dropped. */
export interface TraceHealth {
  backend: 'sqlite' | 'postgres';
  ok: boolean;
  error?: string;
  queued: number;
  dropped: number;
  written: number;
  removedByRetention: number;
  retentionDays: number;
  openVisits: number;
  /** Bad input by reason: unknown-station, duplicate, out-of-order, leave-without-enter, lost, consumed-before-produced, produced-after-consumed. */
  flagged: Record<string, number>;
}
