import type { StationState } from './station-state';

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
}

export interface OeeView {
  value: number;
  availability: number;
  performance: number;
  quality: number;
}

export interface LineView {
  throughputPerHour: number;
  oee: OeeView;
  good: number;
  reject: number;
}

export type AlarmStateName =
  | 'NORMAL'
  | 'UNACK_ACTIVE'
  | 'ACK_ACTIVE'
  | 'RTN_UNACK'
  | 'SHELVED'
  | 'SUPPRESSED'
  | 'OUT_OF_SERVICE';

export interface AlarmView {
  id: string;
  station: string;
  priority: 1 | 2 | 3 | 4;
  state: AlarmStateName;
  text: string;
  activeSince: number;
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
}

export interface Snapshot {
  plantId: string;
  clock: number;
  stations: Record<string, StationView>;
  lines: Record<string, LineView>;
  alarms: AlarmView[];
}

/** One coalesced main→renderer frame: latest values of what changed since the previous frame. */
export interface Frame {
  seq: number;
  clock: number;
  stations: Record<string, StationView>;
  lines: Record<string, LineView>;
  alarms?: AlarmView[];
  health: Health;
}
