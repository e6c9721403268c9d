import type { ProfileInput, ProfileList, ProfileSummary } from './connection-profile';
import type { LossesView, ReportEntry } from './losses';
import type { ForecastView, WhatIfRequest, WhatIfView } from './forecast';
import type { PlantFile } from './plant-schema';
import type { Bookmark, RecordingEntry, ReplayOverview, ReplaySpeed, ReplayStatus } from './replay';
import type { ItemCard, LotView, QualitySummary, StationItems, TraceSearchHit, VerdictItem, VerdictQuery } from './trace';
import type { AlarmView, Frame, Health, KpiTrendView, Snapshot, SourceInfo, StateTimelineView } from './views';

export interface PlantListEntry {
  id: string;
  name: { zh: string; en: string };
}

/** Every request the renderer can make, with its parameters and result. */
export interface BridgeMethods {
  getPlant: { params: void; result: PlantFile };
  listPlants: { params: void; result: PlantListEntry[] };
  selectPlant: { params: { id: string }; result: PlantFile };
  getSnapshot: { params: void; result: Snapshot };
  getHealth: { params: void; result: Health };
  listProfiles: { params: void; result: ProfileList };
  saveProfile: { params: ProfileInput; result: ProfileSummary };
  /** A saved broker profile, or the demo (embedded broker and simulator). */
  connect: { params: { profileId: string } | { demo: true }; result: SourceInfo };
  disconnect: { params: void; result: SourceInfo };
  /** Operator actions on alarms; `by` names the operator (default "operator"). */
  ackAlarm: { params: { id: string; by?: string }; result: AlarmView };
  /** `ids`: the alarms the operator sees (a filtered list); without it, every alarm. */
  ackAllAlarms: { params: { ids?: string[]; by?: string }; result: { acknowledged: number } };
  shelveAlarm: { params: { id: string; minutes: number; by?: string }; result: AlarmView };
  unshelveAlarm: { params: { id: string; by?: string }; result: AlarmView };
  setAlarmOutOfService: { params: { id: string; outOfService: boolean; by?: string }; result: AlarmView };
  /** The alarm journal as CSV. */
  exportAlarmJournal: { params: void; result: string };
  /** Which state each station (of a line, or one station) was in when. */
  getStateTimeline: { params: { line: string } | { station: string }; result: StateTimelineView };
  getKpiTrend: { params: { line: string }; result: KpiTrendView };
  /** Who the bridge's user is: with an access token, its role and the name the journal records. */
  getCaller: { params: void; result: BridgeCaller };
  /** Recording and replay: the flight-recorder sessions under the data folder. */
  listRecordings: { params: void; result: RecordingEntry[] };
  openRecording: { params: { path: string }; result: ReplayStatus };
  /** Null while live. */
  getReplay: { params: void; result: ReplayStatus | null };
  replayPlay: { params: { speed?: ReplaySpeed }; result: ReplayStatus };
  replayPause: { params: void; result: ReplayStatus };
  replaySeek: { params: { t: number }; result: ReplayStatus };
  /** Forward by `ms` of recording time, paused. */
  replayStep: { params: { ms: number }; result: ReplayStatus };
  replayLoop: { params: { from: number; to: number } | { off: true }; result: ReplayStatus };
  /** Back to the live or demo source the replay was opened from. */
  goLive: { params: void; result: SourceInfo };
  getReplayOverview: { params: void; result: ReplayOverview };
  /** Live: recorded with the session; in replay: kept beside the recording. `at` defaults to now / the replay position. */
  addBookmark: { params: { note: string; at?: number }; result: Bookmark };
  listBookmarks: { params: void; result: Bookmark[] };
  /** A time range of the open recording as one MCAP file under the data folder. */
  exportRecording: { params: { from: number; to: number }; result: { path: string } };
  /** Shift loss analysis: a line's losses of the current shift (live) or of the replayed shift; `at` picks another shift the data covers. */
  getLosses: { params: { line: string; at?: number }; result: LossesView };
  /** The shift reports written under the data folder. */
  listReports: { params: void; result: ReportEntry[] };
  /** One listed report file, base64: how either shell's UI fetches it (the Electron window has no HTTP host). */
  getReport: { params: { name: string }; result: { name: string; type: string; base64: string } };
  /** The shift forecast of the live plant, or one line of it; null until the first is done. */
  getForecast: { params: { line?: string }; result: ForecastView | null };
  /** A forecast with changes beside the baseline; nothing is sent to the plant. */
  forecastWhatIf: { params: WhatIfRequest; result: WhatIfView };
  /** Traceability (issue 13): the genealogy store; null where the id is not known. */
  traceItem: { params: { id: string }; result: ItemCard | null };
  traceLot: { params: { id: string }; result: LotView | null };
  traceStation: { params: { station: string; from: number; to: number; limit?: number }; result: StationItems };
  /** Items and lots whose id starts with `prefix`. */
  traceSearch: { params: { prefix: string }; result: TraceSearchHit[] };
  traceQuality: { params: { line: string; from: number; to: number }; result: QualitySummary };
  traceVerdicts: { params: VerdictQuery; result: VerdictItem[] };
}

export type BridgeMethod = keyof BridgeMethods;



/** What a method does to the twin: `read` leaves it as it was; `act` changes it for everyone watching. */
export type MethodAccess = 'read' | 'act';

/**
 * The one place that says which requests change state. Typed over every method, so a new one
 * cannot be added without deciding; the Electron shell, the bridge and the HTTP API follow it.
 */
export const METHOD_ACCESS: Readonly<Record<BridgeMethod, MethodAccess>> = {
  getPlant: 'read',
  listPlants: 'read',
  selectPlant: 'act',
  getSnapshot: 'read',
  getHealth: 'read',
  listProfiles: 'read',
  saveProfile: 'act',
  connect: 'act',
  disconnect: 'act',
  ackAlarm: 'act',
  ackAllAlarms: 'act',
  shelveAlarm: 'act',
  unshelveAlarm: 'act',
  setAlarmOutOfService: 'act',
  exportAlarmJournal: 'read',
  getStateTimeline: 'read',
  getKpiTrend: 'read',
  getCaller: 'read',
  listRecordings: 'read',
  openRecording: 'act',
  getReplay: 'read',
  replayPlay: 'act',
  replayPause: 'act',
  replaySeek: 'act',
  replayStep: 'act',
  replayLoop: 'act',
  goLive: 'act',
  getReplayOverview: 'read',
  addBookmark: 'act',
  listBookmarks: 'read',
  exportRecording: 'act',
  // Shift loss analysis (issue 14)
  getLosses: 'read',
  listReports: 'read',
  getReport: 'read',
  // Forecast (issue 16): a what-if changes only a forecast, never the plant or the twin.
  getForecast: 'read',
  forecastWhatIf: 'read',
  // Traceability (issue 13)
  traceItem: 'read',
  traceLot: 'read',
  traceStation: 'read',
  traceSearch: 'read',
  traceQuality: 'read',
  traceVerdicts: 'read',
};

/** The names a renderer may call; the Electron shell and the host check requests against it. */
export const BRIDGE_METHODS = Object.keys(METHOD_ACCESS) as readonly BridgeMethod[];

export function isBridgeMethod(name: unknown): name is BridgeMethod {
  return typeof name === 'string' && Object.hasOwn(METHOD_ACCESS, name);
}

/** A viewer watches (a wall display, a remote engineer); an operator may also act. */
export type BridgeRole = 'viewer' | 'operator';

/** Who makes a request. */
export interface BridgeCaller {
  role: BridgeRole;
  /** The name an access token carries; it is what the journal records as who acted. */
  name?: string;
}

/** The user at this machine (the Electron window, the loopback host without tokens): names themself in `by`. */
export const LOCAL_OPERATOR: BridgeCaller = { role: 'operator' };

export function mayCall(caller: BridgeCaller, method: BridgeMethod): boolean {
  return METHOD_ACCESS[method] === 'read' || caller.role === 'operator';
}

export interface BridgeStreams {
  frame: Frame;
  plant: PlantFile;
}

export type BridgeStream = keyof BridgeStreams;

/** The one interface the renderer talks to, implemented over Electron IPC and over a WebSocket. */
export interface TwinBridge {
  readonly transport: 'electron' | 'websocket';
  request<M extends BridgeMethod>(method: M, params: BridgeMethods[M]['params']): Promise<BridgeMethods[M]['result']>;
  on<S extends BridgeStream>(stream: S, listener: (value: BridgeStreams[S]) => void): () => void;
}

/** Wire messages of the WebSocket transport (`/ws`). */
export type WireRequest = { type: 'req'; id: number; method: string; params?: unknown };
export type WireMessage =
  | { type: 'res'; id: number; ok: true; result: unknown }
  | { type: 'res'; id: number; ok: false; error: string }
  | { type: 'stream'; stream: BridgeStream; value: unknown };

/** IPC channel names of the Electron transport. */
export const IPC_REQUEST_CHANNEL = 'twin:request';
export const IPC_PORT_CHANNEL = 'twin:port';
