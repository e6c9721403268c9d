import type { AlarmText } from './alarm-text';
import type { ReplayStatus } from './replay';
import type { StationState } from './station-state';
import type { TraceHealth } from './trace';

/** One station as the renderer and `/api/snapshot` see it. */
export interface StationView {
  state: StationState;
  reason?: string;
  /** Clock time (ms) the current state began. */
  since: number;
  stale: boolean;
  metrics: Record<string, number>;
  good: number;
  reject: number;
  /** Clock time (ms) of the last message for this station, 0 when none yet. */
  lastUpdate: number;
  /** Items at the station now (entered, not yet left) from item events; absent until the first one. */
  wip?: number;
}

export interface OeeView {
  /** Null while performance is unknown or flagged: an OEE is never shown from data that cannot be right. */
  value: number | null;
  availability: number;
  /**
   * ISO 22400 PRU × PQ / APT, measured from the first count in the shift to the latest one (a
   * count at the start may carry process time from before it). Null until that span holds
   * enough counts; above 1 it comes with a `dataQuality` flag.
   */
  performance: number | null;
  quality: number;
}

/** A KPI the data makes impossible: shown flagged with its reason, never as a plain figure. */
export interface DataQualityFlag {
  /** `performance-over-100`: more output than the ideal cycle time allows (PRU too long, or counts too fast). */
  code: 'performance-over-100';
  performance: number;
  /** On a line: the output stations whose own performance is above 100 %. */
  stations?: string[];
}

/** ISO 22400-2 figures of one station over the current shift, and its recent output and states. */
export interface StationKpiView {
  /**
   * Units per hour over the last 15 minutes; null while the data spans less than that and too
   * little of it to tell (a few seconds, one count, less than three ideal cycles).
   */
  throughputPerHour: number | null;
  throughputPerHour60: number | null;
  /** Good and reject units in the current shift. */
  good: number;
  reject: number;
  oee: OeeView;
  dataQuality?: DataQualityFlag;
  /** Share of observed time per state over the last 60 minutes. */
  stateShares: Partial<Record<StationState, number>>;
  /** Share of observed time not starved, blocked or idle: what picks the bottleneck. */
  activeShare: number;
}

export interface ShiftView {
  id: string;
  start: number;
  end: number;
  /** Units the line's output stations produced in this shift. */
  output: number;
  target?: number;
  /** The target pro rata to the planned time passed so far. */
  expectedByNow?: number;
}

export interface LineView {
  /** Line output per hour over the last 15 minutes: the sum of its output stations' rates; null while one of them is unknown. */
  throughputPerHour: number | null;
  oee: OeeView;
  /** Good and reject units of the line's output stations in the current shift. */
  good: number;
  reject: number;
  throughputPerHour60?: number | null;
  dataQuality?: DataQualityFlag;
  /** The station with the longest active share over the last hour (the scene highlights it). */
  bottleneck?: string;
  shift?: ShiftView;
  stations?: Record<string, StationKpiView>;
}

export type AlarmStateName =
  | 'NORMAL'
  | 'UNACK_ACTIVE'
  | 'ACK_ACTIVE'
  | 'RTN_UNACK'
  | 'SHELVED'
  | 'SUPPRESSED'
  | 'OUT_OF_SERVICE';

export type AlarmSource = 'rule' | 'machine' | 'fault' | 'comm';

export interface AlarmView {
  id: string;
  /** Empty for plant-wide alarms (the broker connection). */
  station: string;
  priority: 1 | 2 | 3 | 4;
  state: AlarmStateName;
  /** The stable English text (journal, CSV, `/api/snapshot`); `message` is what the UI renders. */
  text: string;
  /** Clock time (ms) of the latest activation. */
  activeSince: number;
  line?: string;
  source?: AlarmSource;
  /** What the alarm says, rendered in the reader's language; always set by the engine. */
  message?: AlarmText;
  /** Whether the condition is present, whatever the shelving or service state. */
  active?: boolean;
  shelvedUntil?: number;
  /** Three or more activations within a minute. */
  chattering?: boolean;
  /** Active for more than 24 hours (ISA-18.2 stale alarm). */
  stale?: boolean;
  lastChange?: number;
  /** Process value at the latest change, for limit alarms. */
  value?: number;
  lastAction?: { action: string; by: string; at: number };
}

/** Operator load (ISA-18.2): a flood is more than 10 annunciated alarms in 10 minutes. */
export interface AlarmLoadView {
  flood: boolean;
  activationsLast10Min: number;
  chattering: number;
  /** Alarms active for more than 24 hours. */
  stale: number;
  /** Alarms not in NORMAL; the list in a frame may be cut to the most important ones. */
  total: number;
}

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SourceInfo {
  kind: 'live' | 'replay' | 'demo';
  connected: boolean;
  connection: ConnectionState;
  url: string;
  lastError?: string;
}

export interface PipelineStats {
  messages: number;
  messagesPerSecond: number;
  decodeErrors: number;
  dropped: number;
  unknownTopics: number;
  decodeErrorsByReason: Record<string, number>;
  droppedByBuffer: Record<string, number>;
}

export interface Health {
  ok: boolean;
  source: SourceInfo;
  stats: PipelineStats;
  /** The flight recorder, when one runs (live and demo sessions with a data folder). */
  recorder?: RecorderStatus;
  /** The genealogy store, when one runs. */
  trace?: TraceHealth;
}

/** The flight recorder as the health view shows it (DESIGN.md "Recording and replay"). */
export interface RecorderStatus {
  on: boolean;
  /** The session folder being written. */
  dir?: string;
  /** Bytes of the recordings kept, the open segment included. */
  bytes: number;
  segments: number;
  /** Start (ms) of the oldest segment kept. */
  oldestKept?: number;
  /** Segments deleted by retention (age or size) since the recorder started. */
  deletedSegments: number;
  /** Why recording stopped (disk full, a write error); it retries and clears this when it records again. */
  error?: string;
  droppedMessages: number;
  /** Chunk compression in use ('' = none). */
  compression?: string;
}

/** A note at a moment of a session, added live or in replay. */
export interface Bookmark {
  id: string;
  at: number;
  note: string;
  by: string;
}

export interface Snapshot {
  plantId: string;
  clock: number;
  stations: Record<string, StationView>;
  lines: Record<string, LineView>;
  alarms: AlarmView[];
  alarmLoad?: AlarmLoadView;
}

/** One coalesced main→renderer frame: latest values of what changed since the previous frame. */
export interface Frame {
  seq: number;
  clock: number;
  stations: Record<string, StationView>;
  lines: Record<string, LineView>;
  /** Present when the alarm list changed since the previous frame. */
  alarms?: AlarmView[];
  alarmLoad?: AlarmLoadView;
  health: Health;
  /** In every frame while a recording is replayed. */
  replay?: ReplayStatus;
}

/** Which state a station was in when: `start` of each entry, until the next one (or `now`). */
export interface StateTimelineView {
  now: number;
  stations: Record<string, Array<{ start: number; state: StationState; stale: boolean }>>;
}

/** One point a minute of a line's KPIs, for the trend charts. */
export interface KpiTrendView {
  line: string;
  t: number[];
  /** Null where the figure was unknown (a gap in the chart). */
  throughputPerHour: Array<number | null>;
  oee: Array<number | null>;
}
