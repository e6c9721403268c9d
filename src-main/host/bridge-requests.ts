import { randomUUID } from 'node:crypto';
import { isBridgeMethod, mayCall, type BridgeCaller } from '../shared/bridge';
import type { OperatorAction } from '../shared/operator-action';
import type { PlantFile } from '../shared/plant-schema';
import type { AlarmView, SourceInfo, StateTimelineView } from '../shared/views';
import { isReplaySpeed, type Bookmark, type RecordingEntry, type ReplayStatus } from '../shared/replay';
import { RecordingError } from '../core/replay/mcap-segment';
import type { ReplaySession } from './replay-session';
import { parseAction } from '../core/alarms/parse-action';
import type { Engine } from '../core/engine';
import { ProfileError, type ProfileStore } from '../core/profiles/profile-store';
import type { PlantCatalogue } from './plant-catalogue';
import { parseWhatIf } from '../shared/forecast';
import { ForecastRequestError, type ForecastService } from './forecast-service';
import type { SourceTarget } from './source-controller';
import type { LossesView, ReportEntry } from '../shared/losses';
import type { TraceStore } from '../core/trace/trace-store';
import { isTraceMethod, traceRequest, TraceRequestError } from './trace-requests';

/** Thrown for a bridge request the runtime refuses; the message goes back to the caller. */
export class BridgeRequestError extends Error {
  constructor(
    message: string,
    /** What HTTP would answer: bad input, a caller without the role, or something that does not exist. */
    readonly status: 400 | 403 | 404 = 400,
  ) {
    super(message);
  }
}

/** Recording and replay as the runtime offers them to requests. */
export interface ReplayTarget {
  list(): Promise<RecordingEntry[]>;
  /** The caller may open this path (see Runtime.mayOpenRecording). */
  mayOpen(path: string): boolean;
  open(path: string): Promise<ReplayStatus>;
  /** The open recording, undefined while live. */
  session(): ReplaySession | undefined;
  goLive(): Promise<SourceInfo>;
  liveBookmark(b: Bookmark): void;
  liveBookmarks(): Bookmark[];
  exportDir(): string;
}

/** Shift loss analysis as the runtime offers it: live, or of the open recording. */
export interface LossesTarget {
  /** Undefined for a line the plant on show does not have. */
  view(line: string, at: number | undefined): LossesView | undefined;
  reports(): Promise<ReportEntry[]>;
  /** A listed report's file; undefined for a name that is not one. */
  report(name: string): Promise<{ body: Buffer; type: string } | undefined>;
}

const MAX_NOTE_CHARS = 500;

/** What the requests act on; the runtime provides it. */
export interface RequestTarget {
  /** The engine of the plant loaded now: a plant change replaces it. */
  engine(): Engine;
  readonly profiles: ProfileStore;
  readonly catalogue: PlantCatalogue;
  loadPlant(plant: PlantFile): Promise<void>;
  switchSource(target: SourceTarget): Promise<SourceInfo>;
  readonly replay: ReplayTarget;
  readonly losses: LossesTarget;
  readonly forecast: ForecastService;
  /** The live plant's genealogy store, when one runs. */
  trace(): TraceStore | undefined;
}

const asProfileRequestError = (err: unknown): never => {
  throw err instanceof ProfileError ? new BridgeRequestError(err.message) : err;
};

/**
 * The TwinBridge methods, from either shell: the method name and params come from outside
 * (a WebSocket, an IPC message, an HTTP body) and are checked here before anything acts on them.
 */
export class BridgeRequests {
  constructor(private readonly rt: RequestTarget) {}

  async handle(method: unknown, params: unknown, caller: BridgeCaller): Promise<unknown> {
    if (!isBridgeMethod(method)) throw new BridgeRequestError(`unknown method ${String(method).slice(0, 40)}`);
    if (!mayCall(caller, method)) throw new BridgeRequestError(`${method} needs the operator role`, 403);
    const engine = this.rt.engine();
    if (isTraceMethod(method)) {
      return traceRequest(this.rt.trace(), engine.plant, method, params).catch((err: unknown) => {
        throw err instanceof TraceRequestError ? new BridgeRequestError(err.message, err.status) : err;
      });
    }
    switch (method) {
      case 'getPlant':
        return engine.plant;
      case 'listPlants':
        return this.rt.catalogue.list();
      case 'selectPlant':
        return this.selectPlant(params);
      case 'getSnapshot':
        return engine.snapshot();
      case 'getHealth':
        return engine.health();
      case 'listProfiles':
        return this.rt.profiles.list();
      case 'saveProfile':
        return this.rt.profiles.save(params).catch(asProfileRequestError);
      case 'connect':
        return this.connect(params);
      case 'disconnect':
        return this.rt.switchSource({ kind: 'none' });
      case 'ackAlarm':
        return this.alarmAction('ack', params, caller).alarm;
      case 'ackAllAlarms':
        return { acknowledged: this.alarmAction('ackAll', params, caller).count };
      case 'shelveAlarm':
        return this.alarmAction('shelve', params, caller).alarm;
      case 'unshelveAlarm':
        return this.alarmAction('unshelve', params, caller).alarm;
      case 'setAlarmOutOfService':
        return this.alarmAction('outOfService', params, caller).alarm;
      case 'exportAlarmJournal':
        return engine.journal?.toCsv() ?? '';
      case 'getStateTimeline':
        return this.stateTimeline(params);
      case 'getKpiTrend': {
        const line = (params as { line?: unknown } | null)?.line;
        const trend = typeof line === 'string' ? engine.kpiTrend(line) : undefined;
        if (!trend) throw new BridgeRequestError('getKpiTrend needs {line} naming a line of the plant', 404);
        return trend;
      }
      case 'getCaller':
        return caller;
      case 'listRecordings':
        return this.rt.replay.list();
      case 'openRecording':
        return this.openRecording(params);
      case 'getReplay':
        return this.rt.replay.session()?.status() ?? null;
      case 'replayPlay': {
        const speed = (params as { speed?: unknown } | null)?.speed;
        if (speed !== undefined && !isReplaySpeed(speed)) throw new BridgeRequestError('replayPlay takes {speed?: a number > 0 or "max"}');
        return this.replaying().player.play(speed);
      }
      case 'replayPause':
        return this.replaying().player.pause();
      case 'replaySeek':
        return this.replaying().player.seek(this.time(params, 't', 'replaySeek needs {t: ms since the epoch}'));
      case 'replayStep':
        return this.replaying().player.step(this.time(params, 'ms', 'replayStep needs {ms: a number >= 0}'));
      case 'replayLoop': {
        const p = params as { off?: unknown } | null;
        if (p?.off === true) return this.replaying().player.setLoop(undefined);
        return this.replaying().player.setLoop({ from: this.time(params, 'from', 'replayLoop needs {from, to} or {off: true}'), to: this.time(params, 'to', 'replayLoop needs {from, to} or {off: true}') });
      }
      case 'goLive':
        return this.rt.replay.goLive();
      case 'getReplayOverview':
        return this.replaying().overviewView();
      case 'addBookmark':
        return this.addBookmark(params, caller);
      case 'listBookmarks':
        return this.rt.replay.session()?.bookmarks() ?? this.rt.replay.liveBookmarks();
      case 'exportRecording': {
        const from = this.time(params, 'from', 'exportRecording needs {from, to}');
        const to = this.time(params, 'to', 'exportRecording needs {from, to}');
        if (to <= from) throw new BridgeRequestError('exportRecording needs from < to');
        return this.replaying().exportRange(from, to, this.rt.replay.exportDir());
      }
      case 'getLosses':
        return this.losses(params);
      case 'listReports':
        return this.rt.losses.reports();
      case 'getReport':
        return this.report(params);
      case 'getForecast':
        return this.forecast(params);
      case 'forecastWhatIf':
        return this.whatIf(params);
    }
  }

  private forecast(params: unknown): unknown {
    const line = (params as { line?: unknown } | null)?.line;
    if (line !== undefined && typeof line !== 'string') throw new BridgeRequestError('getForecast takes {line?: a line id}');
    // The forecast is the live plant's: a replay shows what was, with no forecast over it.
    if (this.rt.replay.session()) return null;
    try {
      return this.rt.forecast.latest(line === '' ? undefined : line);
    } catch (err) {
      if (err instanceof ForecastRequestError) throw new BridgeRequestError(err.message, 404);
      throw err;
    }
  }

  private async whatIf(params: unknown): Promise<unknown> {
    const req = parseWhatIf(params);
    if (typeof req === 'string') throw new BridgeRequestError(`forecastWhatIf: ${req}`);
    if (this.rt.replay.session()) throw new BridgeRequestError('a replay shows what was; go live to try a what-if');
    try {
      return await this.rt.forecast.whatIf(req);
    } catch (err) {
      if (err instanceof ForecastRequestError) throw new BridgeRequestError(err.message);
      throw err;
    }
  }

  private losses(params: unknown): LossesView {
    const p = params as { line?: unknown; at?: unknown } | null;
    const at = p?.at === undefined ? undefined : this.time(params, 'at', 'getLosses: at is ms since the epoch');
    const view = typeof p?.line === 'string' ? this.rt.losses.view(p.line, at) : undefined;
    if (!view) throw new BridgeRequestError('getLosses needs {line} naming a line of the plant', 404);
    return view;
  }

  private async report(params: unknown): Promise<{ name: string; type: string; base64: string }> {
    const name = (params as { name?: unknown } | null)?.name;
    const file = typeof name === 'string' && name.length <= 200 ? await this.rt.losses.report(name) : undefined;
    if (typeof name !== 'string' || !file) throw new BridgeRequestError('getReport needs {name} of a listed report', 404);
    return { name, type: file.type, base64: file.body.toString('base64') };
  }

  private replaying(): ReplaySession {
    const session = this.rt.replay.session();
    if (!session) throw new BridgeRequestError('no recording is open (live)');
    return session;
  }

  private time(params: unknown, key: string, message: string): number {
    const v = (params as Record<string, unknown> | null)?.[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new BridgeRequestError(message);
    return v;
  }

  private async openRecording(params: unknown): Promise<ReplayStatus> {
    const path = (params as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096) throw new BridgeRequestError('openRecording needs {path: string}');
    if (!this.rt.replay.mayOpen(path)) throw new BridgeRequestError('recordings are opened from the data folder’s recordings here', 403);
    try {
      return await this.rt.replay.open(path);
    } catch (err) {
      if (err instanceof RecordingError) throw new BridgeRequestError(err.message);
      throw err;
    }
  }

  private async addBookmark(params: unknown, caller: BridgeCaller): Promise<Bookmark> {
    const p = params as { note?: unknown; at?: unknown } | null;
    if (typeof p?.note !== 'string' || p.note.length > MAX_NOTE_CHARS) throw new BridgeRequestError(`addBookmark needs {note: string of at most ${MAX_NOTE_CHARS} characters, at?: ms}`);
    const at = p.at === undefined ? undefined : this.time(params, 'at', 'addBookmark: at is ms since the epoch');
    const by = caller.name ?? 'operator';
    const session = this.rt.replay.session();
    if (session) return session.addBookmark(p.note, at, by);
    const b: Bookmark = { id: randomUUID(), at: at ?? this.rt.engine().clock.now(), note: p.note, by };
    this.rt.replay.liveBookmark(b);
    return b;
  }

  /** An operator action from outside, checked, then applied through the engine. */
  private alarmAction(kind: OperatorAction['kind'], params: unknown, caller: BridgeCaller): { alarm?: AlarmView; count: number } {
    if (this.rt.replay.session()) throw new BridgeRequestError('a replay shows the alarms as they were recorded; go live to act on alarms');
    const parsed = parseAction(kind, params, caller.name);
    if (!parsed.ok) throw new BridgeRequestError(parsed.reason, 400);
    const result = this.rt.engine().applyAction(parsed.action);
    if (!result.ok) throw new BridgeRequestError(result.reason, result.status);
    return result;
  }

  private stateTimeline(params: unknown): StateTimelineView {
    const p = (params ?? {}) as { line?: unknown; station?: unknown };
    const plant = this.rt.engine().plant;
    const line = plant.lines.find((l) => l.id === p.line);
    const ids = line ? line.stations.map((s) => s.id) : plant.lines.flatMap((l) => l.stations.map((s) => s.id)).filter((id) => id === p.station);
    if (ids.length === 0) throw new BridgeRequestError('getStateTimeline needs {line} or {station} of the plant', 404);
    return this.rt.engine().stateTimeline(ids);
  }

  private async connect(params: unknown): Promise<SourceInfo> {
    const p = params as { profileId?: unknown; demo?: unknown } | null;
    if (p?.demo === true) return this.rt.switchSource({ kind: 'demo' });
    if (typeof p?.profileId !== 'string') throw new BridgeRequestError('connect needs {profileId: string} or {demo: true}');
    const profile = await this.rt.profiles.resolve(p.profileId).catch(asProfileRequestError);
    if (!profile) throw new BridgeRequestError(`no profile with id ${p.profileId.slice(0, 60)}`);
    return this.rt.switchSource({ kind: 'live', profile });
  }

  private async selectPlant(params: unknown): Promise<PlantFile> {
    const id = (params as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new BridgeRequestError('selectPlant needs {id: string}');
    const plant = await this.rt.catalogue.find(id);
    if (!plant) throw new BridgeRequestError(`no plant with id ${id.slice(0, 60)}`);
    await this.rt.loadPlant(plant);
    return plant;
  }
}
