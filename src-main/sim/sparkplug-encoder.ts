import { ITEM_METRIC, itemEventJson } from '../core/decode/item-event';
import { encodeSparkplugPayload, SPARKPLUG_NAMESPACE, type UMetric } from '../core/decode/sparkplug-codec';
import type { PlantFile } from '../shared/plant-schema';
import type { SimRecord } from './plant-simulator';
import type { PublishTarget } from './publish-target';
import type { SessionEncoder, Will } from './session-encoder';

type MetricType = 'String' | 'UInt64' | 'Boolean' | 'Double';

interface Value {
  type: MetricType;
  value: string | number | boolean;
}

interface EdgeNode {
  id: string;
  /** -1 until the first connection: the first session is bdSeq 0. */
  bdSeq: number;
  seq: number;
  nextAlias: number;
  target: PublishTarget | undefined;
  /** Every device's current metrics: what a birth must declare. */
  devices: Map<string, Map<string, Value>>;
  aliases: Map<string, number>;
}

/**
 * Sparkplug B 3.0 edge nodes: one per line (a broker session each, its Will the NDEATH with the
 * session's bdSeq), one device per station. Births declare every metric with an alias; DDATA
 * then carries aliases only. A metric first seen after the births (a new alarm) is declared by
 * a fresh DBIRTH of its device. Item tracking has no Sparkplug mapping in the contract and is
 * left out.
 */
export class SparkplugEncoder implements SessionEncoder {
  readonly sessions: readonly string[];
  dropped = 0;
  private readonly group: string;
  private readonly nodes = new Map<string, EdgeNode>();
  private readonly nodeOf = new Map<string, EdgeNode>();
  private lastTs = 0;

  constructor(plant: PlantFile) {
    if (!plant.sparkplug) throw new Error(`plant ${plant.id} has no sparkplug.groupId`);
    this.group = plant.sparkplug.groupId;
    for (const line of plant.lines) {
      const node: EdgeNode = { id: line.id, bdSeq: -1, seq: 0, nextAlias: 1, target: undefined, devices: new Map(), aliases: new Map() };
      this.nodes.set(line.id, node);
      for (const s of line.stations) {
        node.devices.set(s.id, new Map());
        this.nodeOf.set(s.id, node);
      }
    }
    this.sessions = [...this.nodes.keys()];
  }

  will(session: string): Will {
    const node = this.node(session);
    node.bdSeq = (node.bdSeq + 1) % 256;
    return {
      topic: this.topic('NDEATH', node.id),
      payload: encodeSparkplugPayload({ timestamp: this.lastTs, metrics: [{ name: 'bdSeq', type: 'UInt64', value: node.bdSeq }] }),
      retain: false,
      qos: 0,
    };
  }

  /** Connected, or asked to rebirth (NCMD `Node Control/Rebirth`): NBIRTH, then a DBIRTH per device. */
  online(session: string, target: PublishTarget): void {
    const node = this.node(session);
    node.target = target;
    node.seq = 0;
    const metrics: UMetric[] = [
      { name: 'bdSeq', type: 'UInt64', value: node.bdSeq, timestamp: this.lastTs },
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false, timestamp: this.lastTs },
    ];
    this.send(node, this.topic('NBIRTH', node.id), metrics, this.lastTs);
    for (const device of node.devices.keys()) this.deviceBirth(node, device, this.lastTs);
  }

  offline(session: string): void {
    this.node(session).target = undefined;
  }

  emit(r: SimRecord): void {
    this.lastTs = Math.max(this.lastTs, r.ts);
    const node = this.nodeOf.get(r.station);
    const device = node?.devices.get(r.station);
    if (!node || !device) return;
    if (r.kind === 'item') {
      this.emitItem(node, device, r);
      return;
    }
    const changed: Array<[string, Value]> = [];
    switch (r.kind) {
      case 'state':
        changed.push(['state', { type: 'String', value: r.state }]);
        break;
      case 'count':
        changed.push(['good', { type: 'UInt64', value: r.good }], ['reject', { type: 'UInt64', value: r.reject }]);
        break;
      case 'alarm':
        changed.push([`alarm/${r.id}`, { type: 'Boolean', value: r.active }]);
        break;
      case 'metrics':
        for (const [name, value] of Object.entries(r.values)) changed.push([name, { type: 'Double', value }]);
        break;
    }
    let undeclared = false;
    for (const [name, value] of changed) {
      device.set(name, value);
      if (!node.aliases.has(this.aliasKey(r.station, name))) undeclared = true;
    }
    if (!node.target) {
      this.dropped += 1;
      return;
    }
    if (undeclared) {
      this.deviceBirth(node, r.station, r.ts);
      return;
    }
    const metrics = changed.map(([name, v]): UMetric => ({ alias: node.aliases.get(this.aliasKey(r.station, name)), type: v.type, value: v.value, timestamp: r.ts }));
    this.send(node, this.topic('DDATA', node.id, r.station), metrics, r.ts);
  }

  /**
   * An item event is a record, not a value that stands: the birth declares the `item` metric
   * empty, so a rebirth never sends an old event again; each event goes out in its own DDATA.
   */
  private emitItem(node: EdgeNode, device: Map<string, Value>, r: Extract<SimRecord, { kind: 'item' }>): void {
    if (!device.has(ITEM_METRIC)) device.set(ITEM_METRIC, { type: 'String', value: '' });
    if (!node.target) {
      this.dropped += 1;
      return;
    }
    if (!node.aliases.has(this.aliasKey(r.station, ITEM_METRIC))) this.deviceBirth(node, r.station, r.ts);
    const alias = node.aliases.get(this.aliasKey(r.station, ITEM_METRIC));
    this.send(node, this.topic('DDATA', node.id, r.station), [{ alias, type: 'String', value: JSON.stringify(itemEventJson(r)), timestamp: r.ts }], r.ts);
  }

  private deviceBirth(node: EdgeNode, device: string, ts: number): void {
    const metrics: UMetric[] = [];
    for (const [name, v] of node.devices.get(device) ?? []) {
      const key = this.aliasKey(device, name);
      let alias = node.aliases.get(key);
      if (alias === undefined) {
        alias = node.nextAlias++;
        node.aliases.set(key, alias);
      }
      metrics.push({ name, alias, type: v.type, value: v.value, timestamp: ts });
    }
    this.send(node, this.topic('DBIRTH', node.id, device), metrics, ts);
  }

  private send(node: EdgeNode, topic: string, metrics: UMetric[], ts: number): void {
    if (!node.target) return;
    const payload = encodeSparkplugPayload({ timestamp: ts, seq: node.seq, metrics });
    node.seq = (node.seq + 1) % 256;
    node.target.publish(topic, payload, { retain: false, qos: 0 });
  }

  private aliasKey(device: string, name: string): string {
    return `${device}\u0000${name}`;
  }

  private topic(kind: string, node: string, device?: string): string {
    return `${SPARKPLUG_NAMESPACE}/${this.group}/${kind}/${node}${device ? `/${device}` : ''}`;
  }

  private node(session: string): EdgeNode {
    const node = this.nodes.get(session);
    if (!node) throw new Error(`no edge node ${session}`);
    return node;
  }
}
