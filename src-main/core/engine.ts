import type { PlantFile } from '../shared/plant-schema';
import type { TelemetryEvent } from '../shared/telemetry';
import type { Frame, Health, LineView, Snapshot, SourceInfo, StationView } from '../shared/views';
import type { Clock } from './clock';
import { MessageDecoder, type TopicFamilyDecoder } from './decode/message-decoder';
import { KpiEngine } from './kpi/kpi-engine';
import { PipelineCounters } from './pipeline-stats';
import type { RawMessage } from './raw-message';
import { PlantState } from './state/plant-state';

const MAX_COUNTED_TOPIC_CHARS = 200;

export interface EngineOptions {
  plant: PlantFile;
  clock: Clock;
  families?: TopicFamilyDecoder[];
  maxPayloadBytes?: number;
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
  private readonly decoder: MessageDecoder;
  private readonly families: TopicFamilyDecoder[];
  private readonly eventListeners: Array<(e: TelemetryEvent) => void> = [];
  private source: SourceInfo = { kind: 'live', connected: false, connection: 'idle', url: '' };
  private frameSeq = 0;

  constructor(opts: EngineOptions) {
    this.plant = opts.plant;
    this.clock = opts.clock;
    this.families = opts.families ?? [];
    this.decoder = new MessageDecoder(opts.plant, this.families, opts.maxPayloadBytes);
    this.state = new PlantState(opts.plant);
    this.kpi = new KpiEngine(opts.plant);
    this.state.onCount((d) => this.kpi.onCount(d));
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
    // Topics are counted by name in bounded maps; a cut name keeps a flood of long ones small.
    const topic = msg.topic.length > MAX_COUNTED_TOPIC_CHARS ? msg.topic.slice(0, MAX_COUNTED_TOPIC_CHARS) : msg.topic;
    if (!result.ok) {
      if (result.reason === 'unknown-topic') c.unknownTopics.add(topic);
      else this.countError(result.reason, topic);
      return;
    }
    for (const reason of result.issues ?? []) this.countError(reason, topic);
    const now = this.clock.now();
    for (const event of result.events) this.applyEvent(event, now);
  }

  /** Events that do not come from a topic (Sparkplug deaths, lost connection). */
  applyEvent(event: TelemetryEvent, now = this.clock.now()): void {
    if (!this.state.apply(event, now)) {
      this.counters.errorsByReason.add('unknown-station');
      this.counters.decodeErrors += 1;
      return;
    }
    if (event.kind === 'state') this.kpi.onState(event.station, event.state, now);
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
    if (wasConnected && !info.connected) {
      this.state.markAllStale('connection lost');
      for (const f of this.families) f.connectionLost?.();
    }
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
    this.state.checkStaleness(now);
  }

  health(): Health {
    const stats = this.counters.view(this.clock.now());
    stats.dropped += this.state.droppedItems + this.state.droppedMetrics + this.kpi.droppedSamples;
    return { ok: true, source: { ...this.source }, stats };
  }

  lineViews(): Record<string, LineView> {
    return this.kpi.views(this.clock.now());
  }

  snapshot(): Snapshot {
    return {
      plantId: this.plant.id,
      clock: this.clock.now(),
      stations: structuredClone(this.state.views()),
      lines: this.lineViews(),
      alarms: [],
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
    return { seq: this.frameSeq, clock: this.clock.now(), stations, lines: this.lineViews(), health: this.health() };
  }
}
