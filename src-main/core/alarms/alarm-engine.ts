import { alarmTextString, type AlarmPlainKey, type AlarmText } from '../../shared/alarm-text';
import type { AlarmRuleSpec, PlantFile } from '../../shared/plant-schema';
import type { AppliedOperatorAction } from '../../shared/operator-action';
import type { AlarmPriority, TelemetryEvent } from '../../shared/telemetry';
import type { AlarmLoadView, AlarmView } from '../../shared/views';
import { TimeWindow } from '../kpi/time-window';
import type { AlarmJournal } from './alarm-journal';
import { AlarmRecord, type AlarmIdentity, type AlarmRecordKeyframe } from './alarm-record';
import { LIMIT_LEVELS, LimitEvaluator, type LimitChange, type LimitKeyframe } from './limit-evaluator';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../keyframe-json';
import type { TimeWindowKeyframe } from '../kpi/time-window';

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
/**
 * How close a machine alarm and a FAULT without a stated reason must come to be one condition.
 * Sparkplug carries neither the state's reason nor alarm texts: the alarm metric that trips a
 * machine arrives with (or just before) its FAULT, while a warning standing for minutes did not
 * cause it.
 */
const CAUSE_WINDOW_MS = 5000;
/** Why a station's data stopped, as the pipeline says it (engine staleness, Sparkplug deaths). */
const COMM_REASONS: Record<string, AlarmPlainKey> = {
  'no data': 'noData',
  'edge node death (NDEATH)': 'nodeDeath',
  'device death (DDEATH)': 'deviceDeath',
};

interface RuleBinding {
  id: string;
  station: string;
  line: string;
  rule: AlarmRuleSpec;
  evaluator: LimitEvaluator;
}

interface StationInfo {
  line: string;
  readonly staleAfterMs: number;
  /** In maintenance its process alarms are suppressed by design: the crew is working on it. */
  maintenance: boolean;
  /** Its data is lost (alarmed, or held during a broker outage): the one check every message makes, kept cheap. */
  commLost: boolean;
  /** Its loss of data came while the broker was lost: not raised, its data owed a fresh limit on reconnect. */
  commHeld: boolean;
  /** When its data, owed since the reconnect, counts as lost; Infinity when nothing is owed. */
  commDue: number;
  /** Built once: every state event looks this alarm up. */
  readonly faultId: string;
  /** The station is in FAULT: since when, why, and the alarm that carries it (its own or its cause's). */
  fault: { since: number; reason: string | undefined; host: AlarmRecord } | undefined;
  /** The machine alarm merged with the current fault; one cause per fault. */
  faultCause: string | undefined;
  /** Limit rules by metric, as an array: every metrics event walks it. */
  readonly rules: ReadonlyArray<{ metric: string; bindings: RuleBinding[] }>;
}

/** The alarm engine's part of an engine keyframe: alarms in table order, limits, per-station facts, the flood window. */
export interface AlarmKeyframe {
  now: number;
  version: number;
  brokerDown: boolean;
  records: AlarmRecordKeyframe[];
  /** Signal id → id of the alarm it is merged into. */
  merged: Record<string, string>;
  limits: Record<string, LimitKeyframe>;
  stations: Record<string, { maintenance: boolean; commLost: boolean; commHeld: boolean; commDue: JsonNumber; fault: { since: number; reason: string | null; host: string } | null; faultCause: string | null }>;
  flood: TimeWindowKeyframe;
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
  /** Signals merged into another alarm (a FAULT into its cause, or a cause into its FAULT), while they hold. */
  private readonly merged = new Map<string, AlarmRecord>();
  /** The plant file's texts for machine alarms, by id and by what a FAULT's reason may say. */
  private readonly machineTexts = new Map<string, AlarmText>();
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
        this.stations.set(station.id, {
          line: line.id,
          staleAfterMs: station.staleAfterSeconds * 1000,
          maintenance: false,
          commLost: false,
          commHeld: false,
          commDue: Infinity,
          faultId: `${station.id}:FAULT`,
          fault: undefined,
          faultCause: undefined,
          rules,
        });
      }
    }
    for (const [id, { zh, en }] of Object.entries(opts.plant.alarmTexts)) {
      const text: AlarmText = { kind: 'plant', zh, en };
      for (const name of [id, zh, en]) this.machineTexts.set(nameKey(name), text);
    }
  }

  keyframe(): AlarmKeyframe {
    const merged: Record<string, string> = {};
    for (const [signal, rec] of this.merged) merged[signal] = rec.id;
    const limits: Record<string, LimitKeyframe> = {};
    for (const b of this.bindings) limits[b.id] = b.evaluator.keyframe();
    const stations: AlarmKeyframe['stations'] = {};
    for (const [id, info] of this.stations) {
      stations[id] = {
        maintenance: info.maintenance,
        commLost: info.commLost,
        commHeld: info.commHeld,
        commDue: toJsonNumber(info.commDue),
        fault: info.fault ? { since: info.fault.since, reason: info.fault.reason ?? null, host: info.fault.host.id } : null,
        faultCause: info.faultCause ?? null,
      };
    }
    return { now: this.now, version: this.version, brokerDown: this.brokerDown, records: [...this.records.values()].map((r) => r.keyframe()), merged, limits, stations, flood: this.flood.keyframe() };
  }

  /** Back to a keyframe's alarms; what the plant no longer has (a station, a rule) is left out. */
  restore(kf: AlarmKeyframe): void {
    this.now = kf.now;
    this.version = kf.version;
    this.brokerDown = kf.brokerDown;
    this.records.clear();
    for (const r of kf.records.slice(-MAX_ALARMS)) this.records.set(r.identity.id, AlarmRecord.fromKeyframe(r));
    this.merged.clear();
    for (const [signal, id] of Object.entries(kf.merged)) {
      const rec = this.records.get(id);
      if (rec) this.merged.set(signal, rec);
    }
    for (const b of this.bindings) {
      const limit = kf.limits[b.id];
      if (limit) b.evaluator.restore(limit);
    }
    for (const [id, info] of this.stations) {
      const k = kf.stations[id];
      if (!k) continue;
      info.maintenance = k.maintenance;
      info.commLost = k.commLost;
      info.commHeld = k.commHeld;
      info.commDue = fromJsonNumber(k.commDue);
      const host = k.fault ? this.records.get(k.fault.host) : undefined;
      info.fault = k.fault && host ? { since: k.fault.since, reason: k.fault.reason ?? undefined, host } : undefined;
      info.faultCause = k.faultCause ?? undefined;
    }
    this.flood.restore(kf.flood);
    // The next advance scans every timer and finds the earliest again.
    this.nextDue = -Infinity;
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
      for (const [station, info] of this.stations) {
        if (info.commDue < due) {
          const owed = info.commDue;
          due = owed;
          fire = () => {
            info.commDue = Infinity;
            this.commLost(station, owed, 'no data');
          };
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
        if (event.state !== 'FAULT') this.faultOff(info, at);
        else if (!info.fault) this.faultOn(event.station, info, event.reason?.slice(0, 200), at);
        this.setMaintenance(event.station, info, event.state === 'MAINTENANCE', at);
        return;
      }
      case 'alarm': {
        const id = `${event.station}:machine/${event.id}`;
        if (event.active) this.machineAlarmOn(event.station, info, id, event.id, event.text, event.priority, at);
        else this.machineAlarmOff(info, id, at);
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
    if (this.brokerDown) {
      // Suppressed by design (ISA-18.2): with the broker gone every station falls silent, and the
      // broker alarm is the one that matters. Raising these, even hidden, would bring each back
      // after the reconnect as one more alarm to acknowledge for a loss that has already ended.
      info.commLost = true;
      info.commHeld = true;
      return;
    }
    const key = COMM_REASONS[reason];
    const detail: AlarmText = key ? { kind: 'message', key } : { kind: 'machine', text: reason.slice(0, 80) };
    const message: AlarmText = { kind: 'message', key: 'commLost', detail };
    const rec = this.record({ id: `${station}:COMM`, station, line: info.line, source: 'comm', priority: COMM_PRIORITY, message });
    if (rec) this.change(rec, rec.activate(at, undefined, message), 'ACTIVE');
    info.commLost = rec?.active ?? false;
  }

  /**
   * Whether the broker connection is lost. Meanwhile the stations' loss of data is implied: the
   * alarms already standing are suppressed, new ones are not raised, and after the reconnect each
   * silent station gets its own staleness limit again before its silence is its own alarm.
   */
  setBrokerLost(lost: boolean, at: number): void {
    if (this.brokerDown === lost) return;
    this.brokerDown = lost;
    if (this.brokerDown) {
      const rec = this.record({ id: BROKER_ALARM_ID, station: '', line: '', source: 'comm', priority: BROKER_PRIORITY, message: { kind: 'message', key: 'brokerLost' } });
      if (rec) this.change(rec, rec.activate(at), 'ACTIVE');
    } else {
      const rec = this.records.get(BROKER_ALARM_ID);
      if (rec) this.change(rec, rec.clear(at), 'RETURN');
    }
    for (const info of this.stations.values()) {
      if (lost && info.commDue !== Infinity) {
        info.commDue = Infinity;
        info.commHeld = true;
      } else if (!lost && info.commHeld) {
        info.commHeld = false;
        info.commDue = at + info.staleAfterMs;
        this.nextDue = Math.min(this.nextDue, info.commDue);
      }
    }
    for (const rec of this.records.values()) {
      if (rec.identity.source === 'comm' && rec.identity.station !== '') this.suppress(rec, this.brokerDown, at);
    }
  }

  apply(action: AppliedOperatorAction): ActionResult {
    const { at, by } = action;
    if (action.kind === 'ackAll') {
      const targets = action.ids ? [...new Set(action.ids.map((id) => this.lookup(id)))].filter((r): r is AlarmRecord => r !== undefined) : [...this.records.values()];
      let count = 0;
      for (const rec of targets) if (this.change(rec, rec.ack(at, by), 'ACK', by)) count += 1;
      return { ok: true, count };
    }
    const rec = this.lookup(action.id);
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

  /** The alarm by its id, or by the id of a signal merged into it. */
  view(id: string): AlarmView | undefined {
    return this.lookup(id)?.view(this.now);
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
      const rec = this.record({ id: b.id, station: b.station, line: b.line, source: 'rule', priority: b.rule.priority, message: { kind: 'plant', ...b.rule.text } });
      if (rec) this.change(rec, rec.activate(change.at, change.value), 'ACTIVE', undefined, change.value);
    } else {
      const rec = this.records.get(b.id);
      if (rec) this.change(rec, rec.clear(change.at, change.value), 'RETURN', undefined, change.value);
    }
  }

  private commRestored(station: string, info: StationInfo, at: number): void {
    info.commLost = false;
    info.commHeld = false;
    info.commDue = Infinity;
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
    const { id, station, priority, message } = rec.identity;
    this.opts.journal?.append({ at, event, id, station, priority, state: rec.state, text: alarmTextString(message, 'en'), ...(by ? { by } : {}), ...(value !== undefined ? { value } : {}) });
  }

  private lookup(id: string): AlarmRecord | undefined {
    return this.merged.get(id) ?? this.records.get(id);
  }

  /** A machine's alarm in the plant file's words where it has them, else the machine's own, marked. */
  private machineText(id: string, text: string | undefined): AlarmText {
    return this.machineTexts.get(nameKey(id)) ?? { kind: 'machine', text: (text ?? id).slice(0, 200) };
  }

  /**
   * The station goes to FAULT. One condition, one alarm (ISA-18.2): a machine that trips raises
   * its own alarm and reports FAULT for it, so a machine alarm of the same cause carries the fault
   * rather than a second alarm beside it. The same cause is known by the FAULT's reason naming
   * the alarm (its id, its text or the plant file's text for it: UNS machines, the simulator
   * included, put the tripping alarm's text in the reason); a FAULT without a reason (Sparkplug's
   * `state` metric has none) takes the machine alarm that activated with it (CAUSE_WINDOW_MS).
   */
  private faultOn(station: string, info: StationInfo, reason: string | undefined, at: number): void {
    const cause = this.activeMachineAlarms(station).find((rec) => sameCause(rec, reason, at));
    if (cause) {
      cause.activate(at, undefined, undefined, info.faultId);
      this.merged.set(info.faultId, cause);
      info.faultCause = cause.id;
      info.fault = { since: at, reason, host: cause };
      this.explainFault(cause, cause.identity.message);
      return;
    }
    const reasonText = reason ? this.machineText(reason, reason) : undefined;
    const message: AlarmText = reasonText ? { kind: 'message', key: 'faultCause', detail: reasonText } : { kind: 'message', key: 'fault' };
    const rec = this.record({ id: info.faultId, station, line: info.line, source: 'fault', priority: FAULT_PRIORITY, message });
    if (!rec) return;
    if (!rec.active) rec.identity.priority = FAULT_PRIORITY;
    info.faultCause = undefined;
    info.fault = { since: at, reason, host: rec };
    this.change(rec, rec.activate(at, undefined, message), 'ACTIVE');
  }

  private faultOff(info: StationInfo, at: number): void {
    const fault = info.fault;
    if (!fault) return;
    const host = fault.host;
    info.fault = undefined;
    info.faultCause = undefined;
    if (this.merged.get(info.faultId) === host) this.merged.delete(info.faultId);
    this.change(host, host.clear(at, undefined, info.faultId), 'RETURN');
    const message = host.identity.message;
    // The machine still holds its alarm after the fault: it is its own alarm again.
    if (host.active && host.id !== info.faultId && message.kind === 'message' && message.key === 'faultCause') {
      host.identity.message = message.detail;
      this.version += 1;
    }
  }

  private machineAlarmOn(station: string, info: StationInfo, id: string, machineId: string, raw: string | undefined, priority: AlarmPriority, at: number): void {
    const text = this.machineText(machineId, raw);
    const names = [machineId, raw, ...(text.kind === 'plant' ? [text.zh, text.en] : [])].filter((n): n is string => n !== undefined).map(nameKey);
    const fault = info.fault;
    const host = fault?.host;
    // The FAULT came first: its own alarm takes the machine alarm that names its cause.
    if (fault && host?.id === info.faultId && info.faultCause === undefined && !this.records.get(id)?.active && sameCause({ identity: { names }, activeSince: fault.since }, fault.reason, at)) {
      host.activate(at, undefined, undefined, id);
      this.merged.set(id, host);
      info.faultCause = id;
      host.identity.priority = moreUrgent(host.identity.priority, priority);
      this.explainFault(host, text);
      return;
    }
    const holder = this.merged.get(id);
    if (holder) {
      holder.activate(at, undefined, undefined, id);
      return;
    }
    const rec = this.record({ id, station, line: info.line, source: 'machine', priority, message: text, names });
    if (!rec) return;
    if (!rec.active) {
      rec.identity.names = names;
      rec.identity.priority = priority;
    }
    this.change(rec, rec.activate(at, undefined, text), 'ACTIVE');
  }

  private machineAlarmOff(info: StationInfo, id: string, at: number): void {
    const host = this.merged.get(id);
    if (host) this.merged.delete(id);
    const rec = host ?? this.records.get(id);
    if (rec) this.change(rec, rec.clear(at, undefined, id), 'RETURN');
  }

  /** The alarm now carries a fault: it says so, at least at the fault's priority. */
  private explainFault(rec: AlarmRecord, cause: AlarmText): void {
    const detail = cause.kind === 'message' && cause.key === 'faultCause' ? cause.detail : cause;
    rec.identity.message = { kind: 'message', key: 'faultCause', detail };
    rec.identity.priority = moreUrgent(rec.identity.priority, FAULT_PRIORITY);
    this.version += 1;
  }

  /** The station's active machine alarms, newest first: the one that tripped it is usually the newest. */
  private activeMachineAlarms(station: string): AlarmRecord[] {
    const out: AlarmRecord[] = [];
    for (const rec of this.records.values()) {
      if (rec.identity.source === 'machine' && rec.identity.station === station && rec.active) out.push(rec);
    }
    return out.sort((a, b) => b.activeSince - a.activeSince);
  }
}

const nameKey = (name: string): string => name.trim().toLowerCase();

const moreUrgent = (a: AlarmPriority, b: AlarmPriority): AlarmPriority => (a < b ? a : b);

/** Whether a machine alarm is what a FAULT with this reason is about (see `faultOn`). */
function sameCause(alarm: { identity: { names?: readonly string[] }; activeSince: number }, reason: string | undefined, at: number): boolean {
  if (reason !== undefined && reason.trim() !== '') return alarm.identity.names?.includes(nameKey(reason)) ?? false;
  return Math.abs(at - alarm.activeSince) <= CAUSE_WINDOW_MS;
}
