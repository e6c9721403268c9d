import type { OperatorAction, AppliedOperatorAction } from '../shared/operator-action';
import type { PlantFile } from '../shared/plant-schema';
import type { TelemetryEvent } from '../shared/telemetry';
import type { TraceHealth } from '../shared/trace';
import type { Frame, Health, KpiTrendView, LineView, RecorderStatus, Snapshot, SourceInfo, StateTimelineView, StationView } from '../shared/views';
import { AlarmEngine, type ActionResult, type AlarmKeyframe } from './alarms/alarm-engine';
import { AlarmJournal } from './alarms/alarm-journal';
import type { Clock } from './clock';
import { MessageDecoder, type TopicFamilyDecoder } from './decode/message-decoder';
import { KpiEngine, type KpiKeyframe } from './kpi/kpi-engine';
import { PipelineCounters, type CountersKeyframe } from './pipeline-stats';
import type { RawMessage } from './raw-message';
import { PlantState, type PlantStateKeyframe } from './state/plant-state';
import { StalenessTracker, type StalenessKeyframe } from './state/staleness-tracker';

const MAX_COUNTED_TOPIC_CHARS = 200;
/** Topics are counted by name in bounded maps; a cut name keeps a flood of long ones small. */
const countedTopic = (topic: string): string => (topic.length > MAX_COUNTED_TOPIC_CHARS ? topic.slice(0, MAX_COUNTED_TOPIC_CHARS) : topic);
/** KPIs change slowly; sending them once a second keeps frames small. */
const LINES_FRAME_INTERVAL_MS = 1000;

export const ENGINE_KEYFRAME_VERSION = 1;

/**
 * Everything the engine's output depends on at one moment, JSON-safe: restoring it and then
 * ingesting the messages after it gives what ingesting everything from the start gives. A
 * recording stores these so a seek starts near its target instead of at the recording's start.
 */
export interface EngineKeyframe {
  version: typeof ENGINE_KEYFRAME_VERSION;
  plantId: string;
  cursor: number;
  source: SourceInfo;
  counters: CountersKeyframe;
  state: PlantStateKeyframe;
  staleness: StalenessKeyframe;
  kpi: KpiKeyframe;
  alarms: AlarmKeyframe;
  /** Per topic family decoder, in the engine's order; null for one without state. */
  families: unknown[];
}

export interface EngineOptions {
  plant: PlantFile;
  clock: Clock;
  families?: TopicFamilyDecoder[];
  maxPayloadBytes?: number;
  /** Where the alarm journal is kept; without it alarms are not journaled. */
  journalDir?: string;
}

/**
 * The pipeline from raw messages to plant state, KPIs and frames. Host-agnostic: the Electron
 * shell and the headless host drive the same engine, live or replaying.
 */
export class Engine {
  readonly plant: PlantFile;
  readonly clock: Clock;
  readonly counters = new PipelineCounters();
  readonly state: PlantState;
  readonly kpi: KpiEngine;
  readonly alarms: AlarmEngine;
  readonly journal: AlarmJournal | undefined;
  private readonly decoder: MessageDecoder;
  private readonly staleness: StalenessTracker;
  private readonly actionListeners: Array<(a: AppliedOperatorAction) => void> = [];
  /**
   * Pipeline time for alarms and KPIs: an event's own timestamp, but never later than the clock
   * (a machine clock running ahead) nor earlier than time already processed (one running
   * behind, or retained messages from hours ago). So events delivered in one batch or one by
   * one give the same alarms and KPIs.
   */
  private cursor: number;
  private linesSentAt = -Infinity;
  private alarmsVersionSent = -1;
  private readonly families: TopicFamilyDecoder[];
  private readonly eventListeners: Array<(e: TelemetryEvent) => void> = [];
  private source: SourceInfo = { kind: 'live', connected: false, connection: 'idle', url: '' };
  private frameSeq = 0;
  /** The flight recorder recording this engine's session, when one runs: its status goes into health. */
  recorderStatus: (() => RecorderStatus) | undefined;
  /** The genealogy store fed from this engine, when one runs: its status goes into health. */
  traceStatus: (() => TraceHealth) | undefined;

  constructor(opts: EngineOptions) {
    this.plant = opts.plant;
    this.clock = opts.clock;
    this.families = opts.families ?? [];
    this.decoder = new MessageDecoder(opts.plant, this.families, opts.maxPayloadBytes);
    this.state = new PlantState(opts.plant);
    this.cursor = opts.clock.now();
    const drop = (reason: string, count = 1): void => this.counters.dropped.add(reason, count);
    this.staleness = new StalenessTracker(opts.plant, this.cursor);
    this.kpi = new KpiEngine(opts.plant, this.cursor, drop);
    this.journal = opts.journalDir ? new AlarmJournal({ dir: opts.journalDir, name: `alarms-${opts.plant.id.replace(/[^A-Za-z0-9_-]/g, '_')}`, onDrop: drop }) : undefined;
    this.alarms = new AlarmEngine({ plant: opts.plant, start: this.cursor, journal: this.journal, onDrop: drop });
    this.state.onCount((d) => this.kpi.onCount(d));
  }

  keyframe(): EngineKeyframe {
    return {
      version: ENGINE_KEYFRAME_VERSION,
      plantId: this.plant.id,
      cursor: this.cursor,
      source: { ...this.source },
      counters: this.counters.keyframe(),
      state: this.state.keyframe(),
      staleness: this.staleness.keyframe(),
      kpi: this.kpi.keyframe(),
      alarms: this.alarms.keyframe(),
      families: this.families.map((f) => f.keyframe?.() ?? null),
    };
  }

  /**
   * Puts the engine where a keyframe of this plant was taken. A keyframe of another version or
   * plant, or one that is not a keyframe at all, is refused with the reason before anything changes;
   * one malformed inside throws part way, and the engine is then to be dropped.
   */
  restore(kf: unknown): void {
    const k = kf as Partial<EngineKeyframe> | null;
    if (typeof k !== 'object' || k === null || k.version === undefined) throw new Error('not an engine keyframe');
    if (k.version !== ENGINE_KEYFRAME_VERSION) throw new Error(`engine keyframe version ${String(k.version)}, this engine reads ${ENGINE_KEYFRAME_VERSION}`);
    if (k.plantId !== this.plant.id) throw new Error(`keyframe of plant ${String(k.plantId)}, the engine runs ${this.plant.id}`);
    const { cursor, source, counters, state, staleness, kpi, alarms, families } = k;
    if (typeof cursor !== 'number' || !source || !counters || !state || !staleness || !kpi || !alarms || !Array.isArray(families)) throw new Error('engine keyframe incomplete');
    this.cursor = cursor;
    this.source = { ...source };
    this.counters.restore(counters);
    this.state.restore(state);
    this.staleness.restore(staleness);
    this.kpi.restore(kpi);
    this.alarms.restore(alarms);
    this.families.forEach((f, i) => {
      const fk: unknown = families[i];
      if (fk !== null && fk !== undefined) f.restore?.(fk);
    });
    // Sinks may hold anything from before: the next frame carries the KPIs and the alarm list.
    this.linesSentAt = -Infinity;
    this.alarmsVersionSent = -1;
  }

  /** Operator actions as they are applied, with their time: what a recording captures. */
  onAction(listener: (a: AppliedOperatorAction) => void): void {
    this.actionListeners.push(listener);
  }

  /** An operator action (acknowledge, shelve, …), applied at the current pipeline time. */
  applyAction(action: OperatorAction): ActionResult {
    const applied: AppliedOperatorAction = { ...action, at: this.advance(this.clock.now()) };
    const result = this.alarms.apply(applied);
    if (result.ok) for (const l of this.actionListeners) l(applied);
    return result;
  }

  stateTimeline(stations: string[]): StateTimelineView {
    this.advance(this.clock.now());
    return this.kpi.timeline(stations);
  }

  kpiTrend(line: string): KpiTrendView | undefined {
    return this.kpi.trend(line);
  }

  /** Moves alarms and KPIs to pipeline time `target`, data losses and timers on the way at their own time. */
  private advance(target: number): number {
    const to = Math.max(this.cursor, Number.isFinite(target) ? target : this.cursor);
    for (const { station, at } of this.staleness.expire(to)) {
      this.kpi.advanceTo(at);
      this.alarms.advanceTo(at);
      this.state.markStale(station);
      this.kpi.onStale(station);
      this.alarms.commLost(station, at, 'no data');
    }
    this.kpi.advanceTo(to);
    this.alarms.advanceTo(to);
    this.cursor = to;
    return to;
  }

  get subscriptions(): string[] {
    return this.decoder.index.subscriptions;
  }

  onEvent(listener: (e: TelemetryEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /** One message in; a message that does not decode is counted by reason and dropped. */
  ingest(msg: RawMessage): void {
    const c = this.counters;
    c.messages += 1;
    c.rate.add(msg.receivedAt);
    const result = this.decoder.decode(msg);
    if (!result.ok) {
      if (result.reason === 'unknown-topic') c.unknownTopics.add(countedTopic(msg.topic));
      else this.countError(result.reason, countedTopic(msg.topic));
      return;
    }
    if (result.issues) for (const reason of result.issues) this.countError(reason, countedTopic(msg.topic));
    const now = this.clock.now();
    for (const event of result.events) this.applyEvent(event, now);
  }

  /** Events that do not come from a topic (Sparkplug deaths, lost connection). */
  applyEvent(event: TelemetryEvent, now = this.clock.now()): void {
    const at = this.advance(Math.min(event.ts, now));
    if (!this.state.apply(event, now)) {
      this.counters.errorsByReason.add('unknown-station');
      this.counters.decodeErrors += 1;
      return;
    }
    this.kpi.onEvent(event);
    this.alarms.onEvent(event, at);
    if (event.kind === 'stale') this.staleness.markStale(event.station);
    else this.staleness.seen(event.station, at);
    for (const l of this.eventListeners) l(event);
  }

  private countError(reason: string, topic: string): void {
    this.counters.decodeErrors += 1;
    this.counters.errorsByReason.add(reason);
    this.counters.errorsByTopic.add(topic);
  }

  setSource(info: SourceInfo): void {
    const wasConnected = this.source.connected;
    this.source = info;
    const at = this.advance(this.clock.now());
    if (wasConnected && !info.connected) {
      // Every station's data goes with the connection: the view and the KPI timelines say so
      // from now on; the broker alarm stands for the per-station comm-loss alarms.
      this.state.markAllStale('connection lost');
      for (const line of this.plant.lines) for (const station of line.stations) this.kpi.onStale(station.id);
      for (const f of this.families) f.connectionLost?.();
    }
    // Retrying is a loss; 'offline' is a stop the user asked for (disconnect, another plant).
    this.alarms.setBrokerLost(info.connection === 'reconnecting', at);
  }

  /** Time-driven work; called by the publisher on every tick. */
  tick(): void {
    const now = this.clock.now();
    for (const f of this.families) {
      const out = f.tick?.(now);
      if (!out) continue;
      for (const reason of out.errors) this.countError(reason, '(timeout)');
      for (const event of out.events) this.applyEvent(event, now);
    }
    this.advance(now);
  }

  health(): Health {
    const stats = this.counters.view(this.clock.now());
    stats.dropped += this.state.droppedItems + this.state.droppedMetrics;
    return { ok: true, source: { ...this.source }, stats, ...(this.recorderStatus ? { recorder: this.recorderStatus() } : {}), ...(this.traceStatus ? { trace: this.traceStatus() } : {}) };
  }

  lineViews(): Record<string, LineView> {
    this.advance(this.clock.now());
    return this.kpi.views();
  }

  snapshot(): Snapshot {
    return {
      plantId: this.plant.id,
      clock: this.clock.now(),
      stations: structuredClone(this.state.views()),
      lines: this.lineViews(),
      alarms: this.alarms.views(),
      alarmLoad: this.alarms.load(),
    };
  }

  /** The stations changed since the last frame, or every station when `full`. */
  nextFrame(full: boolean): Frame {
    const dirty = this.state.takeDirty();
    const stations: Record<string, StationView> = {};
    if (full) {
      Object.assign(stations, structuredClone(this.state.views()));
    } else {
      for (const id of dirty) {
        const v = this.state.station(id);
        if (v) stations[id] = structuredClone(v);
      }
    }
    this.frameSeq += 1;
    const now = this.clock.now();
    const sendLines = full || now - this.linesSentAt >= LINES_FRAME_INTERVAL_MS || now < this.linesSentAt;
    if (sendLines && !full) this.linesSentAt = now;
    const lines = sendLines ? this.lineViews() : {};
    const frame: Frame = { seq: this.frameSeq, clock: now, stations, lines, health: this.health() };
    if (full || this.alarms.version !== this.alarmsVersionSent) {
      if (!full) this.alarmsVersionSent = this.alarms.version;
      frame.alarms = this.alarms.views();
    }
    // Flood and chattering also end by time alone, so the load goes out with the KPIs too.
    if (frame.alarms || sendLines) frame.alarmLoad = this.alarms.load();
    return frame;
  }
}
