import type { AlarmRuleSpec, PlantFile } from '../../shared/plant-schema';
import type { AppliedOperatorAction } from '../../shared/operator-action';
import type { TelemetryEvent } from '../../shared/telemetry';
import type { AlarmLoadView, AlarmView } from '../../shared/views';
import { TimeWindow } from '../kpi/time-window';
import type { AlarmJournal } from './alarm-journal';
import { AlarmRecord, type AlarmIdentity } from './alarm-record';
import { LIMIT_LEVELS, LimitEvaluator, type LimitChange } from './limit-evaluator';

const FLOOD_WINDOW_MS = 10 * 60_000;
const FLOOD_LIMIT = 10;
/** Alarms kept at once; past it an alarm in NORMAL is forgotten, else the new one is dropped. */
const MAX_ALARMS = 2000;
/** A frame lists at most this many alarms, the most important first. */
export const MAX_LISTED_ALARMS = 500;

export const BROKER_ALARM_ID = 'broker:COMM';
const FAULT_PRIORITY = 2;
const COMM_PRIORITY = 3;
const BROKER_PRIORITY = 1;

interface RuleBinding {
  id: string;
  station: string;
  line: string;
  rule: AlarmRuleSpec;
  evaluator: LimitEvaluator;
}

interface StationInfo {
  line: string;
  /** In maintenance its process alarms are suppressed by design: the crew is working on it. */
  maintenance: boolean;
  /** Its loss-of-data alarm is active: the one check every message makes, kept cheap. */
  commLost: boolean;
  /** Built once: every state event looks this alarm up. */
  readonly faultId: string;
  /** Limit rules by metric, as an array: every metrics event walks it. */
  readonly rules: ReadonlyArray<{ metric: string; bindings: RuleBinding[] }>;
}

export type ActionResult =
  | { ok: true; alarm?: AlarmView; count: number }
  | { ok: false; status: 400 | 404; reason: string };

export interface AlarmEngineOptions {
  plant: PlantFile;
  start: number;
  journal?: AlarmJournal;
  onDrop: (reason: string) => void;
}

const byImportance = (a: AlarmRecord, b: AlarmRecord): number =>
  a.identity.priority - b.identity.priority || Number(a.acked) - Number(b.acked) || b.activeSince - a.activeSince || (a.id < b.id ? -1 : 1);

/**
 * ISA-18.2 alarm management for one plant: limit rules from the plant file, alarms the
 * machines publish, equipment FAULT, loss of data per station and of the broker; operator
 * actions; flood and chattering. All time is the pipeline's (see Engine), so the same events
 * give the same alarms live and in replay, at any speed.
 */
export class AlarmEngine {
  private readonly records = new Map<string, AlarmRecord>();
  private readonly bindings: RuleBinding[] = [];
  private readonly stations = new Map<string, StationInfo>();
  private readonly flood: TimeWindow;
  private brokerDown = false;
  private now: number;
  /** Never later than the earliest pending timer; a scan sets it exactly. */
  private nextDue = Infinity;
  /** Bumped on every visible change, so frames carry the list only when it changed. */
  version = 0;

  constructor(private readonly opts: AlarmEngineOptions) {
    this.now = opts.start;
    this.flood = new TimeWindow(FLOOD_WINDOW_MS, 1000, () => opts.onDrop('alarm-flood-window'));
    for (const line of opts.plant.lines) {
      for (const station of line.stations) {
        const byMetric = new Map<string, RuleBinding[]>();
        for (const rule of [...line.alarms, ...station.alarms]) {
          for (const { level, key, high } of LIMIT_LEVELS) {
            const limit = rule.limits[key];
            if (limit === undefined) continue;
            const binding: RuleBinding = { id: `${station.id}:${rule.id}.${level}`, station: station.id, line: line.id, rule, evaluator: new LimitEvaluator(limit, high, rule) };
            this.bindings.push(binding);
            byMetric.set(rule.metric, [...(byMetric.get(rule.metric) ?? []), binding]);
          }
        }
        const rules = [...byMetric].map(([metric, bindings]) => ({ metric, bindings }));
        this.stations.set(station.id, { line: line.id, maintenance: false, commLost: false, faultId: `${station.id}:FAULT`, rules });
      }
    }
  }

  /** Runs every delay and shelf timer due up to `to`, each at its own time. */
  advanceTo(to: number): void {
    while (this.nextDue <= to) {
      let due = Infinity;
      let fire: (() => void) | undefined;
      for (const b of this.bindings) {
        if (b.evaluator.due < due) {
          due = b.evaluator.due;
          fire = () => this.applyLimit(b, b.evaluator.fire());
        }
      }
      for (const rec of this.records.values()) {
        if (rec.shelvedUntil !== undefined && rec.shelvedUntil < due) {
          due = rec.shelvedUntil;
          fire = () => this.change(rec, rec.unshelve(rec.shelvedUntil ?? this.now, 'system'), 'AUTO_UNSHELVE', 'system');
        }
      }
      this.nextDue = due;
      if (due > to || !fire) break;
      this.now = Math.max(this.now, due);
      fire();
    }
    this.now = Math.max(this.now, to);
  }

  /** One telemetry event at pipeline time `at` (the caller has advanced to it). */
  onEvent(event: TelemetryEvent, at: number): void {
    const info = this.stations.get(event.station);
    if (!info) return;
    if (event.kind === 'stale') {
      this.commLost(event.station, at, event.reason);
      return;
    }
    if (info.commLost) this.commRestored(event.station, info, at);
    switch (event.kind) {
      case 'metrics': {
        for (const { metric, bindings } of info.rules) {
          const value = event.values[metric];
          if (value === undefined) continue;
          for (const b of bindings) {
            this.applyLimit(b, b.evaluator.sample(value, at));
            this.nextDue = Math.min(this.nextDue, b.evaluator.due);
          }
        }
        return;
      }
      case 'state': {
        const faultId = info.faultId;
        if (event.state === 'FAULT') {
          const reason = event.reason ? ` (${event.reason.slice(0, 80)})` : '';
          const texts = { zh: `设备故障${reason}`, en: `Equipment fault${reason}` };
          const rec = this.record({ id: faultId, station: event.station, line: info.line, source: 'fault', priority: FAULT_PRIORITY, texts });
          if (rec) this.change(rec, rec.activate(at, undefined, texts), 'ACTIVE');
        } else {
          const rec = this.records.get(faultId);
          if (rec) this.change(rec, rec.clear(at), 'RETURN');
        }
        this.setMaintenance(event.station, info, event.state === 'MAINTENANCE', at);
        return;
      }
      case 'alarm': {
        const texts = { zh: event.text ?? event.id, en: event.text ?? event.id };
        const identity: AlarmIdentity = { id: `${event.station}:machine/${event.id}`, station: event.station, line: info.line, source: 'machine', priority: event.priority, texts };
        if (event.active) {
          const rec = this.record(identity);
          if (rec) this.change(rec, rec.activate(at, undefined, texts), 'ACTIVE');
        } else {
          const rec = this.records.get(identity.id);
          if (rec) this.change(rec, rec.clear(at), 'RETURN');
        }
        return;
      }
      default:
        return;
    }
  }

  /** A station's data stopped (no message within its limit, or a death certificate). */
  commLost(station: string, at: number, reason: string): void {
    const info = this.stations.get(station);
    if (!info) return;
    const detail = reason.slice(0, 80);
    const texts = { zh: `通信中断（${detail}）`, en: `Communication lost (${detail})` };
    const rec = this.record({ id: `${station}:COMM`, station, line: info.line, source: 'comm', priority: COMM_PRIORITY, texts });
    if (rec) this.change(rec, rec.activate(at, undefined, texts), 'ACTIVE');
    info.commLost = rec?.active ?? false;
  }

  /** Whether the broker connection is lost; meanwhile per-station loss of data is implied and suppressed. */
  setBrokerLost(lost: boolean, at: number): void {
    if (this.brokerDown === lost) return;
    this.brokerDown = lost;
    if (this.brokerDown) {
      const rec = this.record({ id: BROKER_ALARM_ID, station: '', line: '', source: 'comm', priority: BROKER_PRIORITY, texts: { zh: 'MQTT 代理连接中断', en: 'Broker connection lost' } });
      if (rec) this.change(rec, rec.activate(at), 'ACTIVE');
    } else {
      const rec = this.records.get(BROKER_ALARM_ID);
      if (rec) this.change(rec, rec.clear(at), 'RETURN');
    }
    for (const rec of this.records.values()) {
      if (rec.identity.source === 'comm' && rec.identity.station !== '') this.suppress(rec, this.brokerDown, at);
    }
  }

  apply(action: AppliedOperatorAction): ActionResult {
    const { at, by } = action;
    if (action.kind === 'ackAll') {
      const targets = action.ids ? action.ids.map((id) => this.records.get(id)).filter((r): r is AlarmRecord => r !== undefined) : [...this.records.values()];
      let count = 0;
      for (const rec of targets) if (this.change(rec, rec.ack(at, by), 'ACK', by)) count += 1;
      return { ok: true, count };
    }
    const rec = this.records.get(action.id);
    if (!rec) return { ok: false, status: 404, reason: `no alarm with id ${action.id.slice(0, 100)}` };
    let changed: boolean;
    switch (action.kind) {
      case 'ack':
        changed = this.change(rec, rec.ack(at, by), 'ACK', by);
        break;
      case 'shelve':
        changed = this.change(rec, rec.shelve(at + action.minutes * 60_000, at, by), 'SHELVE', by);
        this.nextDue = Math.min(this.nextDue, rec.shelvedUntil ?? Infinity);
        break;
      case 'unshelve':
        changed = this.change(rec, rec.unshelve(at, by), 'UNSHELVE', by);
        break;
      case 'outOfService':
        changed = this.change(rec, rec.setOutOfService(action.outOfService, at, by), action.outOfService ? 'OUT_OF_SERVICE' : 'IN_SERVICE', by);
        break;
    }
    return { ok: true, alarm: rec.view(this.now), count: changed ? 1 : 0 };
  }

  /** Every alarm not in NORMAL, the most important first (priority, unacknowledged, newest). */
  views(): AlarmView[] {
    return this.listed()
      .slice(0, MAX_LISTED_ALARMS)
      .map((r) => r.view(this.now));
  }

  view(id: string): AlarmView | undefined {
    return this.records.get(id)?.view(this.now);
  }

  load(): AlarmLoadView {
    const activations = this.flood.sumWithin(this.now, FLOOD_WINDOW_MS);
    let chattering = 0;
    let stale = 0;
    for (const rec of this.records.values()) {
      if (rec.chattering(this.now)) chattering += 1;
      if (rec.stale(this.now)) stale += 1;
    }
    return { flood: activations > FLOOD_LIMIT, activationsLast10Min: activations, chattering, stale, total: this.listed().length };
  }

  private listed(): AlarmRecord[] {
    return [...this.records.values()].filter((r) => r.state !== 'NORMAL').sort(byImportance);
  }

  private applyLimit(b: RuleBinding, change: LimitChange | undefined): void {
    if (!change) return;
    if (change.kind === 'activate') {
      const rec = this.record({ id: b.id, station: b.station, line: b.line, source: 'rule', priority: b.rule.priority, texts: { ...b.rule.text } });
      if (rec) this.change(rec, rec.activate(change.at, change.value), 'ACTIVE', undefined, change.value);
    } else {
      const rec = this.records.get(b.id);
      if (rec) this.change(rec, rec.clear(change.at, change.value), 'RETURN', undefined, change.value);
    }
  }

  private commRestored(station: string, info: StationInfo, at: number): void {
    info.commLost = false;
    const rec = this.records.get(`${station}:COMM`);
    if (rec) this.change(rec, rec.clear(at), 'RETURN');
  }

  private setMaintenance(station: string, info: StationInfo, maintenance: boolean, at: number): void {
    if (info.maintenance === maintenance) return;
    info.maintenance = maintenance;
    for (const rec of this.records.values()) {
      if (rec.identity.station === station && this.isProcessAlarm(rec.identity)) this.suppress(rec, maintenance, at);
    }
  }

  private isProcessAlarm(identity: AlarmIdentity): boolean {
    return identity.source === 'rule' || identity.source === 'machine';
  }

  private suppress(rec: AlarmRecord, on: boolean, at: number): void {
    this.change(rec, rec.setSuppressed(on, at), on ? 'SUPPRESSED' : 'UNSUPPRESSED');
  }

  /** The alarm with this identity, made on first use; undefined when the table is full. */
  private record(identity: AlarmIdentity): AlarmRecord | undefined {
    const existing = this.records.get(identity.id);
    if (existing) return existing;
    if (this.records.size >= MAX_ALARMS) {
      const idle = [...this.records.values()].find((r) => r.state === 'NORMAL');
      if (!idle) {
        this.opts.onDrop('alarms');
        return undefined;
      }
      this.records.delete(idle.id);
    }
    const rec = new AlarmRecord(identity);
    const info = this.stations.get(identity.station);
    if (this.isProcessAlarm(identity) && info?.maintenance) rec.suppressed = true;
    if (identity.source === 'comm' && identity.station !== '' && this.brokerDown) rec.suppressed = true;
    this.records.set(identity.id, rec);
    return rec;
  }

  /** Journals a change that happened; returns whether it did. */
  private change(rec: AlarmRecord, changed: boolean, event: string, by?: string, value?: number): boolean {
    if (!changed) return false;
    this.version += 1;
    const at = rec.lastChange;
    this.journal(rec, event, at, by, value);
    if (event === 'ACTIVE') {
      if (rec.annunciated) {
        this.flood.add(at, 1);
        if (this.flood.sumWithin(at, FLOOD_WINDOW_MS) === FLOOD_LIMIT + 1) this.journal(rec, 'FLOOD', at);
      }
      if (rec.chattering(at)) this.journal(rec, 'CHATTERING', at);
    }
    return true;
  }

  private journal(rec: AlarmRecord, event: string, at: number, by?: string, value?: number): void {
    const { id, station, priority, texts } = rec.identity;
    this.opts.journal?.append({ at, event, id, station, priority, state: rec.state, text: texts.en, ...(by ? { by } : {}), ...(value !== undefined ? { value } : {}) });
  }
}
