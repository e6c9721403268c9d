import { alarmTextString, type AlarmText } from '../../shared/alarm-text';
import type { AlarmPriority } from '../../shared/telemetry';
import type { AlarmSource, AlarmStateName, AlarmView } from '../../shared/views';

const CHATTER_WINDOW_MS = 60_000;
/** ISA-18.2 stale alarm: active this long, it has stopped being news and needs review. */
export const STALE_ALARM_MS = 24 * 60 * 60 * 1000;
const CHATTER_ACTIVATIONS = 3;

export interface AlarmIdentity {
  id: string;
  station: string;
  line: string;
  source: AlarmSource;
  priority: AlarmPriority;
  message: AlarmText;
  /** What a FAULT's reason may call this alarm (a machine's id, its text, the plant file's texts), lower case. */
  names?: readonly string[];
}

/** An alarm as an engine keyframe holds it: its identity and every fact its state is derived from. */
export interface AlarmRecordKeyframe {
  identity: AlarmIdentity;
  active: boolean;
  acked: boolean;
  shelvedUntil: number | null;
  outOfService: boolean;
  suppressed: boolean;
  activeSince: number;
  lastChange: number;
  value: number | null;
  lastAction: { action: string; by: string; at: number } | null;
  activations: number[];
  signals: string[];
}

/**
 * One alarm and its ISA-18.2 state. The state is derived from independent facts (condition
 * present, acknowledged, shelved until, out of service, suppressed by design), so every
 * transition of the standard falls out of changing one fact:
 * normal → unack-active on activation; unack-active → ack-active on ack; unack-active →
 * RTN-unack on return; ack-active → normal on return; RTN-unack → normal on ack; shelve, out
 * of service and suppression hide any of these until lifted.
 */
export class AlarmRecord {
  active = false;
  acked = true;
  shelvedUntil: number | undefined;
  outOfService = false;
  suppressed = false;
  activeSince = 0;
  lastChange = 0;
  value: number | undefined;
  lastAction: { action: string; by: string; at: number } | undefined;
  /** The latest activations, just enough to tell chattering. */
  private readonly activations: number[] = [];
  /**
   * The signals holding the condition: the alarm's own id, and the id of any signal merged
   * into it (a FAULT and the machine alarm that caused it are one condition). Active while any is.
   */
  private readonly signals = new Set<string>();

  constructor(readonly identity: AlarmIdentity) {}

  get id(): string {
    return this.identity.id;
  }

  get state(): AlarmStateName {
    if (this.outOfService) return 'OUT_OF_SERVICE';
    if (this.shelvedUntil !== undefined) return 'SHELVED';
    if (this.suppressed) return 'SUPPRESSED';
    if (this.active) return this.acked ? 'ACK_ACTIVE' : 'UNACK_ACTIVE';
    return this.acked ? 'NORMAL' : 'RTN_UNACK';
  }

  /** True when the operator is shown it: activations of hidden alarms do not load the operator. */
  get annunciated(): boolean {
    return !this.outOfService && this.shelvedUntil === undefined && !this.suppressed;
  }

  /** The condition appeared; every new activation needs a new acknowledgement. */
  activate(at: number, value?: number, message?: AlarmText, signal = this.id): boolean {
    this.signals.add(signal);
    if (this.active) return false;
    this.active = true;
    this.acked = false;
    this.activeSince = at;
    this.value = value;
    if (message) this.identity.message = message;
    this.activations.push(at);
    if (this.activations.length > CHATTER_ACTIVATIONS) this.activations.shift();
    return this.touch(at);
  }

  /** The condition is gone once no signal holds it; an unacknowledged alarm stays visible as RTN-unack. */
  clear(at: number, value?: number, signal = this.id): boolean {
    if (!this.signals.delete(signal) || this.signals.size > 0) return false;
    this.active = false;
    this.value = value;
    return this.touch(at);
  }

  /** Acknowledges what the operator sees: unack-active or RTN-unack, nothing else. */
  ack(at: number, by: string): boolean {
    const s = this.state;
    if (s !== 'UNACK_ACTIVE' && s !== 'RTN_UNACK') return false;
    this.acked = true;
    return this.act('ack', by, at);
  }

  shelve(until: number, at: number, by: string): boolean {
    this.shelvedUntil = until;
    return this.act('shelve', by, at);
  }

  unshelve(at: number, by: string): boolean {
    if (this.shelvedUntil === undefined) return false;
    this.shelvedUntil = undefined;
    return this.act('unshelve', by, at);
  }

  setOutOfService(outOfService: boolean, at: number, by: string): boolean {
    if (this.outOfService === outOfService) return false;
    this.outOfService = outOfService;
    return this.act(outOfService ? 'out-of-service' : 'in-service', by, at);
  }

  setSuppressed(suppressed: boolean, at: number): boolean {
    if (this.suppressed === suppressed) return false;
    this.suppressed = suppressed;
    return this.touch(at);
  }

  chattering(now: number): boolean {
    const oldest = this.activations[0];
    return this.activations.length >= CHATTER_ACTIVATIONS && oldest !== undefined && now - oldest < CHATTER_WINDOW_MS;
  }

  /** Active for more than a day: a standing alarm that operators have learnt to ignore. */
  stale(now: number): boolean {
    return this.active && now - this.activeSince > STALE_ALARM_MS;
  }

  view(now: number): AlarmView {
    const { id, station, line, source, priority, message } = this.identity;
    return {
      id,
      station,
      priority,
      state: this.state,
      text: alarmTextString(message, 'en'),
      activeSince: this.activeSince,
      line,
      source,
      message,
      active: this.active,
      ...(this.shelvedUntil !== undefined ? { shelvedUntil: this.shelvedUntil } : {}),
      chattering: this.chattering(now),
      stale: this.stale(now),
      lastChange: this.lastChange,
      ...(this.value !== undefined ? { value: this.value } : {}),
      ...(this.lastAction ? { lastAction: { ...this.lastAction } } : {}),
    };
  }

  keyframe(): AlarmRecordKeyframe {
    return {
      identity: structuredClone(this.identity),
      active: this.active,
      acked: this.acked,
      shelvedUntil: this.shelvedUntil ?? null,
      outOfService: this.outOfService,
      suppressed: this.suppressed,
      activeSince: this.activeSince,
      lastChange: this.lastChange,
      value: this.value ?? null,
      lastAction: this.lastAction ? { ...this.lastAction } : null,
      activations: [...this.activations],
      signals: [...this.signals],
    };
  }

  static fromKeyframe(kf: AlarmRecordKeyframe): AlarmRecord {
    const rec = new AlarmRecord(structuredClone(kf.identity));
    rec.active = kf.active;
    rec.acked = kf.acked;
    rec.shelvedUntil = kf.shelvedUntil ?? undefined;
    rec.outOfService = kf.outOfService;
    rec.suppressed = kf.suppressed;
    rec.activeSince = kf.activeSince;
    rec.lastChange = kf.lastChange;
    rec.value = kf.value ?? undefined;
    rec.lastAction = kf.lastAction ? { ...kf.lastAction } : undefined;
    rec.activations.push(...kf.activations.slice(-CHATTER_ACTIVATIONS));
    for (const s of kf.signals) rec.signals.add(s);
    return rec;
  }

  private act(action: string, by: string, at: number): boolean {
    this.lastAction = { action, by, at };
    return this.touch(at);
  }

  private touch(at: number): boolean {
    this.lastChange = at;
    return true;
  }
}
