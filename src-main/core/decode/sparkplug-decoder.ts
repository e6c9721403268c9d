import type { PlantFile } from '../../shared/plant-schema';
import { normalizeState } from '../../shared/station-state';
import type { TelemetryEvent } from '../../shared/telemetry';
import type { RawMessage } from '../raw-message';
import { decoded, fail, type DecodeErrorReason, type DecodeResult } from './decode-result';
import { ITEM_METRIC, parseItemEvent } from './item-event';
import type { FamilyTick, TopicFamilyDecoder } from './message-decoder';
import { SPARKPLUG_NAMESPACE, toNumber } from './sparkplug-codec';
import { decodeSparkplugWire, type SparkplugMetric, type SparkplugPayload } from './sparkplug-wire';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../keyframe-json';

/** How long a seq gap may stay open before the messages behind it are applied anyway. */
export const SPARKPLUG_REORDER_TIMEOUT_MS = 3000;
/** Messages held per edge node while a gap is open; more are dropped and counted. */
const MAX_REORDER_MESSAGES = 64;
/** A birth cannot make the alias map grow past this, whatever it declares. */
const MAX_ALIASES_PER_NODE = 4096;
/** Rebirth requests to one node are spaced so a broken node is not flooded with commands. */
const REBIRTH_MIN_INTERVAL_MS = 10_000;
const ALARM_PREFIX = 'alarm/';
const MAX_ITEM_JSON_CHARS = 16 * 1024;
const DEFAULT_ALARM_PRIORITY = 3;

type SequencedKind = 'NDATA' | 'DBIRTH' | 'DDATA' | 'DDEATH';

interface Pending {
  kind: SequencedKind;
  device: string | undefined;
  payload: SparkplugPayload;
  /** The payload as received: a keyframe keeps these bytes, not the decoded form. */
  bytes: Uint8Array;
  receivedAt: number;
}

/** One edge node's session as an engine keyframe holds it; held messages as their bytes (base64). */
interface NodeKeyframe {
  born: boolean;
  bdSeq: number | null;
  nextSeq: number | null;
  aliases: Array<[alias: number, device: string | null, name: string]>;
  totals: Record<string, { good: number; reject: number }>;
  pending: Array<{ seq: number; kind: SequencedKind; device: string | null; bytes: string; receivedAt: number }>;
  lastRebirthRequest: JsonNumber;
}

export interface SparkplugKeyframe {
  nodes: Record<string, NodeKeyframe>;
}

interface NodeSession {
  readonly line: string;
  readonly stations: ReadonlySet<string>;
  born: boolean;
  bdSeq: number | undefined;
  /** The seq the next message must carry; undefined after a lost connection (next one resyncs). */
  nextSeq: number | undefined;
  /** Alias → metric name and the device (station) it belongs to; rebuilt on every NBIRTH. */
  aliases: Map<number, { device: string | undefined; name: string }>;
  /** Last totals per device: Sparkplug reports by exception, a count event needs both. */
  totals: Map<string, { good: number; reject: number }>;
  pending: Map<number, Pending>;
  lastRebirthRequest: number;
}

interface Route {
  kind: SequencedKind | 'NBIRTH' | 'NDEATH';
  node: NodeSession;
  device: string | undefined;
}

interface Processed {
  events: TelemetryEvent[];
  issues: DecodeErrorReason[];
}

const seqDistance = (from: number, to: number): number => (to - from + 256) % 256;

/**
 * Sparkplug B 3.0 as a monitoring host: group from the plant file, edge node = line, device =
 * station. Honours births and aliases, per-node `seq` order (out-of-order messages wait in a
 * bounded buffer until the gap fills or times out), `bdSeq` of deaths, and `is_historical`.
 * It never publishes; a wanted rebirth is reported to listeners, who decide.
 */
export class SparkplugDecoder implements TopicFamilyDecoder {
  readonly groupId: string;
  private readonly groupPrefix: string;
  private readonly nodes = new Map<string, NodeSession>();
  private readonly routes = new Map<string, Route>();
  private readonly rebirthListeners: Array<(nodeId: string) => void> = [];

  constructor(
    plant: PlantFile,
    private readonly reorderTimeoutMs = SPARKPLUG_REORDER_TIMEOUT_MS,
  ) {
    if (!plant.sparkplug) throw new Error(`plant ${plant.id} has no sparkplug.groupId`);
    this.groupId = plant.sparkplug.groupId;
    this.groupPrefix = `${SPARKPLUG_NAMESPACE}/${this.groupId}/`;
    for (const line of plant.lines) {
      this.nodes.set(line.id, {
        line: line.id,
        stations: new Set(line.stations.map((s) => s.id)),
        born: false,
        bdSeq: undefined,
        nextSeq: undefined,
        aliases: new Map(),
        totals: new Map(),
        pending: new Map(),
        lastRebirthRequest: -Infinity,
      });
    }
  }

  /** `nodeId` needs a rebirth (DATA before birth, unknown alias, unfilled seq gap). */
  onRebirthWanted(listener: (nodeId: string) => void): void {
    this.rebirthListeners.push(listener);
  }

  accepts(topic: string): boolean {
    return topic.startsWith(this.groupPrefix) || topic.startsWith(`${SPARKPLUG_NAMESPACE}/STATE/`);
  }

  decode(msg: RawMessage): DecodeResult {
    const route = this.routes.get(msg.topic) ?? this.route(msg.topic);
    if ('ok' in route) return route;
    const { kind, node, device } = route;
    let payload: SparkplugPayload;
    try {
      payload = decodeSparkplugWire(msg.payload);
    } catch (err) {
      return fail('protobuf', (err as Error).message.slice(0, 120));
    }
    if (kind === 'NBIRTH') return this.birth(node, payload);
    if (kind === 'NDEATH') return this.death(node, payload, msg.receivedAt);
    return this.sequenced(node, kind, device, payload, msg.payload, msg.receivedAt);
  }

  keyframe(): SparkplugKeyframe {
    const nodes: Record<string, NodeKeyframe> = {};
    for (const [id, node] of this.nodes) {
      const totals: NodeKeyframe['totals'] = {};
      for (const [station, t] of node.totals) totals[station] = { ...t };
      nodes[id] = {
        born: node.born,
        bdSeq: node.bdSeq ?? null,
        nextSeq: node.nextSeq ?? null,
        aliases: [...node.aliases].map(([alias, { device, name }]) => [alias, device ?? null, name]),
        totals,
        pending: [...node.pending].map(([seq, p]) => ({ seq, kind: p.kind, device: p.device ?? null, bytes: Buffer.from(p.bytes).toString('base64'), receivedAt: p.receivedAt })),
        lastRebirthRequest: toJsonNumber(node.lastRebirthRequest),
      };
    }
    return { nodes };
  }

  restore(kf: unknown): void {
    const nodes = (kf as Partial<SparkplugKeyframe> | null)?.nodes;
    if (typeof nodes !== 'object' || nodes === null) throw new Error('sparkplug keyframe without nodes');
    for (const [id, node] of this.nodes) {
      const k = nodes[id];
      if (!k) continue;
      node.born = k.born;
      node.bdSeq = k.bdSeq ?? undefined;
      node.nextSeq = k.nextSeq ?? undefined;
      node.aliases = new Map(k.aliases.slice(0, MAX_ALIASES_PER_NODE).map(([alias, device, name]) => [alias, { device: device ?? undefined, name }]));
      node.totals = new Map(Object.entries(k.totals).map(([station, t]) => [station, { ...t }]));
      node.pending = new Map();
      for (const p of k.pending.slice(0, MAX_REORDER_MESSAGES)) {
        const bytes = new Uint8Array(Buffer.from(p.bytes, 'base64'));
        node.pending.set(p.seq, { kind: p.kind, device: p.device ?? undefined, payload: decodeSparkplugWire(bytes), bytes, receivedAt: p.receivedAt });
      }
      node.lastRebirthRequest = fromJsonNumber(k.lastRebirthRequest);
    }
  }

  /** Parses a topic; valid ones are cached (at most six kinds per line and station). */
  private route(topic: string): Route | DecodeResult {
    const parts = topic.split('/');
    // Host application STATE messages are JSON about other hosts, not line telemetry.
    if (parts[1] === 'STATE') return decoded([]);
    const [, , kind, nodeId, device] = parts;
    if (kind === 'NCMD' || kind === 'DCMD') return decoded([]);
    const isDeviceKind = kind === 'DBIRTH' || kind === 'DDATA' || kind === 'DDEATH';
    const isNodeKind = kind === 'NBIRTH' || kind === 'NDATA' || kind === 'NDEATH';
    if ((!isDeviceKind && !isNodeKind) || parts.length !== (isDeviceKind ? 5 : 4)) return fail('sparkplug-topic', topic.slice(0, 120));
    const node = nodeId === undefined ? undefined : this.nodes.get(nodeId);
    if (!node) return fail('sparkplug-topic', `unknown edge node ${String(nodeId).slice(0, 60)}`);
    if (isDeviceKind && (device === undefined || !node.stations.has(device))) return fail('unknown-station', String(device).slice(0, 60));
    const route: Route = { kind, node, device };
    this.routes.set(topic, route);
    return route;
  }

  tick(now: number): FamilyTick {
    const out: FamilyTick = { events: [], errors: [] };
    for (const node of this.nodes.values()) {
      while (node.pending.size > 0 && node.nextSeq !== undefined && now - this.oldestPending(node) >= this.reorderTimeoutMs) {
        // The gap was not filled in time: skip to the first message we have and go on from there.
        out.errors.push('sparkplug-sequence');
        this.wantRebirth(node, now);
        node.nextSeq = this.nearestPendingSeq(node, node.nextSeq);
        this.drain(node, { events: out.events, issues: out.errors });
      }
    }
    return out;
  }

  connectionLost(): void {
    for (const node of this.nodes.values()) {
      node.nextSeq = undefined;
      node.pending.clear();
    }
  }

  private birth(node: NodeSession, payload: SparkplugPayload): DecodeResult {
    const issues: DecodeErrorReason[] = node.pending.size > 0 ? ['sparkplug-sequence'] : [];
    node.born = true;
    node.bdSeq = this.bdSeqOf(payload);
    node.nextSeq = ((toNumber(payload.seq) ?? 0) + 1) % 256;
    node.aliases.clear();
    node.totals.clear();
    node.pending.clear();
    issues.push(...this.registerAliases(node, undefined, payload.metrics ?? []));
    return decoded([], issues);
  }

  private death(node: NodeSession, payload: SparkplugPayload, receivedAt: number): DecodeResult {
    // A death whose bdSeq is not the current session's is the Will of an older connection.
    if (!node.born || this.bdSeqOf(payload) !== node.bdSeq) return decoded([]);
    node.born = false;
    node.nextSeq = undefined;
    node.pending.clear();
    const ts = this.timestamp(payload, receivedAt);
    return decoded([...node.stations].map((station) => ({ kind: 'stale', station, ts, reason: 'edge node death (NDEATH)' })));
  }

  private sequenced(node: NodeSession, kind: SequencedKind, device: string | undefined, payload: SparkplugPayload, bytes: Uint8Array, receivedAt: number): DecodeResult {
    if (!node.born) {
      this.wantRebirth(node, receivedAt);
      return fail('sparkplug-before-birth', `${kind} from ${node.line}`);
    }
    const seq = toNumber(payload.seq);
    if (seq === undefined || !Number.isInteger(seq) || seq < 0 || seq > 255) return fail('sparkplug-sequence', 'seq missing or out of range');
    node.nextSeq ??= seq;
    const ahead = seqDistance(node.nextSeq, seq);
    if (ahead === 0) {
      const out: Processed = { events: [], issues: [] };
      this.process(node, kind, device, payload, receivedAt, out);
      node.nextSeq = (seq + 1) % 256;
      if (node.pending.size > 0) this.drain(node, out);
      return decoded(out.events, out.issues);
    }
    if (ahead >= 128 || node.pending.has(seq)) return fail('sparkplug-sequence', `late or duplicate seq ${seq}`);
    if (node.pending.size >= MAX_REORDER_MESSAGES) {
      this.wantRebirth(node, receivedAt);
      return fail('sparkplug-sequence', 'reorder buffer full');
    }
    node.pending.set(seq, { kind, device, payload, bytes, receivedAt });
    return decoded([]);
  }

  /** Applies held messages while the next expected seq is among them. */
  private drain(node: NodeSession, out: Processed): void {
    for (let next = node.nextSeq; next !== undefined; next = node.nextSeq) {
      const msg = node.pending.get(next);
      if (!msg) break;
      node.pending.delete(next);
      node.nextSeq = (next + 1) % 256;
      this.process(node, msg.kind, msg.device, msg.payload, msg.receivedAt, out);
    }
  }

  /** Applies one in-order message, adding its events and issues to `out`. */
  private process(node: NodeSession, kind: SequencedKind, device: string | undefined, payload: SparkplugPayload, receivedAt: number, out: Processed): void {
    const ts = this.timestamp(payload, receivedAt);
    const metrics = payload.metrics ?? [];
    switch (kind) {
      case 'DDEATH':
        out.events.push({ kind: 'stale', station: device as string, ts, reason: 'device death (DDEATH)' });
        return;
      case 'DBIRTH':
        out.issues.push(...this.registerAliases(node, device, metrics));
        this.metricEvents(node, device as string, metrics, ts, receivedAt, out);
        return;
      case 'DDATA':
        this.metricEvents(node, device as string, metrics, ts, receivedAt, out);
        return;
      case 'NDATA': {
        // Node-level metrics describe the edge node, not a station; only their aliases matter.
        const unknown = metrics.some((m) => m.name == null && !node.aliases.has(toNumber(m.alias) ?? -1));
        if (unknown) {
          this.wantRebirth(node, receivedAt);
          out.issues.push('sparkplug-unknown-alias');
        }
        return;
      }
    }
  }

  private registerAliases(node: NodeSession, device: string | undefined, metrics: SparkplugMetric[]): DecodeErrorReason[] {
    for (const m of metrics) {
      const alias = toNumber(m.alias);
      if (alias === undefined || typeof m.name !== 'string') continue;
      if (node.aliases.size >= MAX_ALIASES_PER_NODE && !node.aliases.has(alias)) return ['too-large'];
      node.aliases.set(alias, { device, name: m.name });
    }
    return [];
  }

  private metricEvents(node: NodeSession, station: string, metrics: SparkplugMetric[], ts: number, receivedAt: number, out: Processed): void {
    const { events, issues } = out;
    let values: Record<string, number> | undefined;
    let totals: { good: number; reject: number } | undefined;
    for (const m of metrics) {
      const name = this.metricName(node, station, m);
      if (name === undefined) {
        issues.push('sparkplug-unknown-alias');
        this.wantRebirth(node, receivedAt);
        continue;
      }
      if (name === ITEM_METRIC) {
        this.itemEvent(node, station, m, ts, out);
        continue;
      }
      // Historical values are backfill from the edge buffer; live state is what is true now.
      if (m.isHistorical || m.isNull || m.value === null || m.value === undefined) continue;
      if (name === 'state') {
        const state = normalizeState(m.value);
        if (state) events.push({ kind: 'state', station, ts, state });
        else issues.push('bad-value');
      } else if (name === 'good' || name === 'reject') {
        const n = toNumber(m.value);
        if (n === undefined || !Number.isFinite(n) || n < 0) {
          issues.push('bad-value');
          continue;
        }
        totals ??= this.totalsOf(node, station);
        totals[name] = n;
      } else if (name.startsWith(ALARM_PREFIX)) {
        if (typeof m.value !== 'boolean' || name.length === ALARM_PREFIX.length) {
          issues.push('bad-value');
          continue;
        }
        events.push({ kind: 'alarm', station, ts, id: name.slice(ALARM_PREFIX.length, ALARM_PREFIX.length + 100), active: m.value, priority: DEFAULT_ALARM_PRIORITY });
      } else {
        const n = toNumber(m.value);
        if (n === undefined) continue;
        if (!Number.isFinite(n)) {
          issues.push('bad-value');
          continue;
        }
        (values ??= {})[name] = n;
      }
    }
    if (totals) events.push({ kind: 'count', station, ts, good: totals.good, reject: totals.reject });
    if (values) events.push({ kind: 'metrics', station, ts, values });
  }

  /**
   * An item event as JSON text (DESIGN.md). Historical ones are kept: genealogy backfilled from
   * the edge buffer is still the item's history. Births declare the metric with an empty value.
   */
  private itemEvent(node: NodeSession, station: string, m: SparkplugMetric, ts: number, out: Processed): void {
    if (m.isNull || m.value === '' || m.value === null || m.value === undefined) return;
    if (typeof m.value !== 'string' || m.value.length > MAX_ITEM_JSON_CHARS) {
      out.issues.push('bad-value');
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(m.value);
    } catch {
      out.issues.push('invalid-json');
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      out.issues.push('wrong-type');
      return;
    }
    const own = (obj as Record<string, unknown>).ts;
    const at = typeof own === 'number' && Number.isFinite(own) && own >= 0 ? own : ts;
    const event = parseItemEvent(obj as Record<string, unknown>, node.line, at, station);
    if (typeof event === 'string') out.issues.push('wrong-type');
    else out.events.push(event);
  }

  /** The station's last totals, updated in place: the count event copies them out. */
  private totalsOf(node: NodeSession, station: string): { good: number; reject: number } {
    let totals = node.totals.get(station);
    if (!totals) {
      totals = { good: 0, reject: 0 };
      node.totals.set(station, totals);
    }
    return totals;
  }

  private metricName(node: NodeSession, station: string, m: SparkplugMetric): string | undefined {
    if (typeof m.name === 'string' && m.name.length > 0) return m.name;
    const entry = node.aliases.get(toNumber(m.alias) ?? -1);
    return entry && entry.device === station ? entry.name : undefined;
  }

  private bdSeqOf(payload: SparkplugPayload): number | undefined {
    const m = payload.metrics?.find((x) => x.name === 'bdSeq');
    return m ? toNumber(m.value) : undefined;
  }

  private timestamp(payload: SparkplugPayload, receivedAt: number): number {
    const ts = toNumber(payload.timestamp);
    return ts !== undefined && Number.isFinite(ts) && ts >= 0 ? ts : receivedAt;
  }

  private oldestPending(node: NodeSession): number {
    let oldest = Infinity;
    for (const p of node.pending.values()) oldest = Math.min(oldest, p.receivedAt);
    return oldest;
  }

  private nearestPendingSeq(node: NodeSession, from: number): number {
    let best = from;
    let bestDistance = Infinity;
    for (const seq of node.pending.keys()) {
      const d = seqDistance(from, seq);
      if (d < bestDistance) {
        best = seq;
        bestDistance = d;
      }
    }
    return best;
  }

  private wantRebirth(node: NodeSession, now: number): void {
    if (now - node.lastRebirthRequest < REBIRTH_MIN_INTERVAL_MS) return;
    node.lastRebirthRequest = now;
    for (const l of this.rebirthListeners) l(node.line);
  }
}
