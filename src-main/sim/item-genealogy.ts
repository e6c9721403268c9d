import type { TestVerdict } from '../shared/trace';
import { deriveSeed, Rng } from '../core/rng';
import type { Bank } from './flow-graph';
import type { SimRecord, SimSink } from './plant-simulator';
import type { Inspection } from './station-profiles';

/** A unit of the simulation as genealogy sees it: the same object the simulator moves. */
export interface TracedUnit {
  id: string | undefined;
}

/** Where a unit is made or tested: the simulator's station with its bank. */
export interface GenealogyStation {
  spec: { id: string };
  bank: Bank;
}

/**
 * A station type that makes lots: one per load (a mixer batch), per source lot (a tread lot per
 * compound batch), or every n units. A `component` lot is built into the product; the others are
 * the material the components are made from.
 */
interface LotMaker {
  kind: string;
  prefix: string;
  per: 'load' | 'source' | number;
  component: boolean;
}

const LOT_MAKERS: Record<string, LotMaker> = {
  'banbury-mixer': { kind: 'compound-batch', prefix: 'CB', per: 'load', component: false },
  extruder: { kind: 'tread', prefix: 'TR', per: 'source', component: true },
  calender: { kind: 'ply', prefix: 'PL', per: 'source', component: true },
  'bead-winder': { kind: 'bead', prefix: 'BD', per: 'source', component: true },
  cutter: { kind: 'belt', prefix: 'BT', per: 'source', component: true },
  thermoformer: { kind: 'liner', prefix: 'LN', per: 20, component: true },
};

/** Station types where a tracked product comes into being (it gets its tag or serial there). */
const PRODUCTS: Record<string, string> = { 'tire-builder': 'green-tire', 'sheet-metal': 'cabinet' };

/** Material a station takes from stock rather than from a buffer of the plant: a new lot every `every` units. */
interface Supply {
  kind: string;
  prefix: string;
  every: number;
}

const SUPPLIES: Record<string, Supply[]> = {
  'foaming-line': [
    { kind: 'polyol', prefix: 'PO', every: 60 },
    { kind: 'isocyanate', prefix: 'IS', every: 60 },
  ],
  assembly: [{ kind: 'compressor', prefix: 'CP', every: 1 }],
};

/** Where finished products are put away. */
const STORES: Record<string, (n: number) => string> = {
  warehouse: (n) => `AS-${String.fromCharCode(65 + (n % 8))}${String(1 + (Math.floor(n / 8) % 40)).padStart(2, '0')}-${1 + (Math.floor(n / 320) % 12)}`,
  packaging: (n) => `FG-${1 + (n % 6)}-${String(1 + (Math.floor(n / 6) % 500)).padStart(3, '0')}`,
};

/** Why a test station rejects. */
const REJECT_REASONS: Record<string, string> = {
  uniformity: 'uniformity out of grade',
  xray: 'x-ray defect',
  'leak-test': 'refrigerant leak',
  charging: 'charge off setpoint',
  'performance-test': 'pull-down too slow',
  'safety-test': 'hipot leakage',
};

/** A unit made with a bad lot fails its tests this much more often. */
const BAD_LOT_FAIL_CHANCE = 0.5;

interface UnitTrace {
  /** The raw-material lot its material comes from (the compound batch). */
  source: string | undefined;
  /** Component lots it carries into the product it becomes part of. */
  lots: string[];
  bad: boolean;
}

/** What the simulation knows happened: the test oracle for the genealogy store. */
export interface GenealogyTruth {
  items: Map<string, { route: Array<{ station: string; enter: number; leave: number | null; outcome: 'leave' | 'scrap' | null }>; parts: string[] }>;
  lots: Map<string, { station: string; ts: number; kind: string; parts: string[] }>;
}

/**
 * The simulator's genealogy: lots made and consumed, tests with their verdicts, scrap with its
 * reason, storage. It follows the units the simulator moves, so a lot is consumed only after it
 * was produced and a scrapped unit goes nowhere after; it draws from its own random stream, so
 * the plant's flow is the same with it as without.
 */
export class ItemGenealogy {
  private readonly traces = new WeakMap<TracedUnit, UnitTrace>();
  private readonly rng: Rng;
  private readonly seq = new Map<string, number>();
  private readonly current = new Map<string, { key: string | undefined; lot: string; used: number }>();
  private readonly stored = new Map<string, number>();
  private readonly bad = new Set<string>();
  private badPending = false;
  /** The lots injected as bad, in order. */
  readonly badLots: string[] = [];
  readonly truth: GenealogyTruth | undefined;

  constructor(
    private readonly sink: SimSink,
    seed: number,
    groundTruth = false,
  ) {
    this.rng = new Rng(deriveSeed(seed, 'genealogy'));
    this.truth = groundTruth ? { items: new Map(), lots: new Map() } : undefined;
  }

  /** The next lot made from raw material (a compound batch, a liner lot) is bad. */
  markNextLotBad(): void {
    this.badPending = true;
  }

  /** Units already in a buffer at the start: one opening-stock lot per buffer, made by the bank that feeds it. */
  stock(from: Bank, units: TracedUnit[], now: number): void {
    const station = from.stations[0]?.id;
    if (!station || units.length === 0) return;
    const maker = LOT_MAKERS[from.type];
    const lot = this.produceLot(from, station, maker?.kind ?? 'stock', maker?.prefix ?? 'ST', now, undefined, false);
    for (const u of units) this.traces.set(u, { source: lot, lots: maker?.component === false ? [] : [lot], bad: false });
  }

  /**
   * A station loaded `units` (the product, already entered) and built `parts` into them: lots
   * made here are produced, a product made here is produced, and what went into it is consumed.
   */
  loaded(s: GenealogyStation, units: TracedUnit[], parts: TracedUnit[], now: number): void {
    const { bank } = s;
    const station = s.spec.id;
    const maker = LOT_MAKERS[bank.type];
    const partLots = parts.flatMap((p) => this.trace(p).lots);
    const partBad = parts.some((p) => this.trace(p).bad);
    let loadLot: string | undefined;
    for (const u of units) {
      const t = this.trace(u);
      if (maker) {
        const lot = maker.per === 'load' ? (loadLot ??= this.produceLot(bank, station, maker.kind, maker.prefix, now, undefined, true)) : this.lotFor(bank, station, maker, t.source, now);
        if (maker.per !== 'source') t.source = lot;
        if (maker.component) t.lots.push(lot);
        t.bad ||= this.bad.has(lot);
      }
      t.bad ||= partBad;
      if (u.id === undefined) {
        t.lots.push(...partLots);
        continue;
      }
      const product = PRODUCTS[bank.type];
      if (product) this.emit(bank, { station, ts: now, item: u.id, event: 'produce', productKind: product });
      const supplies = bank.inputs.length <= 1 ? (SUPPLIES[bank.type] ?? []) : [];
      const consumed = [...(product ? t.lots : []), ...partLots, ...supplies.map((sup) => this.supplyLot(bank, station, sup, now))];
      if (product) t.lots = [];
      if (consumed.length > 0) this.emit(bank, { station, ts: now, item: u.id, event: 'consume', parts: consumed });
    }
  }

  /**
   * A test station measured a unit: a unit made with a bad lot fails more often. The test is
   * reported for tracked units; the (possibly worsened) inspection decides scrap.
   */
  inspect(s: GenealogyStation, unit: TracedUnit, inspection: Inspection | undefined, now: number): Inspection | undefined {
    if (!inspection) return undefined;
    const t = this.trace(unit);
    const result = t.bad && !inspection.reject && this.rng.chance(BAD_LOT_FAIL_CHANCE) ? { ...inspection, reject: true } : inspection;
    if (unit.id !== undefined) {
      const verdict: TestVerdict = result.reject ? 'fail' : 'pass';
      const reason = result.reject ? REJECT_REASONS[s.bank.type] ?? 'rejected' : undefined;
      this.emit(s.bank, { station: s.spec.id, ts: now, item: unit.id, event: 'test', values: { ...result.values }, verdict, ...(reason ? { reason } : {}) });
    }
    return result;
  }

  /** Where a tracked unit is: enter, leave, scrap (with the reason), and storage when put away. */
  moved(s: GenealogyStation, unit: TracedUnit, event: 'enter' | 'leave' | 'scrap', now: number): void {
    if (unit.id === undefined) return;
    const station = s.spec.id;
    const reason = event === 'scrap' ? REJECT_REASONS[s.bank.type] ?? 'scrapped' : undefined;
    this.emit(s.bank, { station, ts: now, item: unit.id, event, ...(reason ? { reason } : {}) });
    const store = STORES[s.bank.type];
    if (event === 'enter' && store) {
      const n = this.stored.get(station) ?? 0;
      this.stored.set(station, n + 1);
      this.emit(s.bank, { station, ts: now, item: unit.id, event: 'store', location: store(n) });
    }
  }

  private trace(u: TracedUnit): UnitTrace {
    let t = this.traces.get(u);
    if (!t) {
      t = { source: undefined, lots: [], bad: false };
      this.traces.set(u, t);
    }
    return t;
  }

  /** The station's current lot for material from `source`, or every n units; a new one when that changes. */
  private lotFor(bank: Bank, station: string, maker: LotMaker, source: string | undefined, now: number): string {
    const cur = this.current.get(station);
    const n = typeof maker.per === 'number' ? maker.per : Infinity;
    const key = maker.per === 'source' ? source : undefined;
    if (cur && cur.key === key && cur.used < n) {
      cur.used += 1;
      return cur.lot;
    }
    const lot = maker.per === 'source' ? this.produceLot(bank, station, maker.kind, maker.prefix, now, source, false) : this.produceLot(bank, station, maker.kind, maker.prefix, now, undefined, true);
    this.current.set(station, { key, lot, used: 1 });
    return lot;
  }

  private supplyLot(bank: Bank, station: string, sup: Supply, now: number): string {
    const key = `${station}/${sup.kind}`;
    const cur = this.current.get(key);
    if (cur && cur.used < sup.every) {
      cur.used += 1;
      return cur.lot;
    }
    const lot = this.produceLot(bank, station, sup.kind, sup.prefix, now, undefined, false);
    this.current.set(key, { key: undefined, lot, used: 1 });
    return lot;
  }

  /** A new lot; `raw` (made from raw material) may be the one a bad-lot scenario spoils. */
  private produceLot(bank: Bank, station: string, kind: string, prefix: string, now: number, source: string | undefined, raw: boolean): string {
    const n = (this.seq.get(prefix) ?? 0) + 1;
    this.seq.set(prefix, n);
    // Lot numbers carry the plant's local date (China Standard Time).
    const day = new Date(now + 8 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '');
    const lot = `${prefix}${day}-${String(n).padStart(5, '0')}`;
    if (raw && this.badPending) {
      this.badPending = false;
      this.bad.add(lot);
      this.badLots.push(lot);
    }
    if (source !== undefined && this.bad.has(source)) this.bad.add(lot);
    this.emit(bank, { station, ts: now, item: lot, event: 'produce', productKind: kind });
    if (source !== undefined) this.emit(bank, { station, ts: now, item: lot, event: 'consume', parts: [source] });
    return lot;
  }

  private emit(bank: Bank, e: Omit<Extract<SimRecord, { kind: 'item' }>, 'kind' | 'line'>): void {
    const record: SimRecord = { kind: 'item', line: bank.line, ...e };
    this.record(record);
    this.sink.emit(record);
  }

  private record(e: Extract<SimRecord, { kind: 'item' }>): void {
    const truth = this.truth;
    if (!truth) return;
    if (e.event === 'produce' && !truth.items.has(e.item) && !PRODUCTS_KINDS.has(e.productKind ?? '')) {
      truth.lots.set(e.item, { station: e.station, ts: e.ts, kind: e.productKind ?? '', parts: [] });
      return;
    }
    if (e.event === 'consume') {
      const lot = truth.lots.get(e.item);
      if (lot) lot.parts.push(...(e.parts ?? []));
      else this.truthItem(e.item).parts.push(...(e.parts ?? []));
      return;
    }
    if (e.event === 'produce') {
      this.truthItem(e.item);
      return;
    }
    const route = this.truthItem(e.item).route;
    if (e.event === 'enter') route.push({ station: e.station, enter: e.ts, leave: null, outcome: null });
    else if (e.event === 'leave' || e.event === 'scrap') {
      const open = route.findLast((v) => v.station === e.station && v.outcome === null);
      if (open) {
        open.leave = e.ts;
        open.outcome = e.event;
      }
    }
  }

  private truthItem(id: string): { route: Array<{ station: string; enter: number; leave: number | null; outcome: 'leave' | 'scrap' | null }>; parts: string[] } {
    const items = (this.truth as GenealogyTruth).items;
    let item = items.get(id);
    if (!item) {
      item = { route: [], parts: [] };
      items.set(id, item);
    }
    return item;
  }
}

const PRODUCTS_KINDS = new Set(Object.values(PRODUCTS));
