import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { McapTypes } from '@mcap/core';
import type { BridgeCaller } from '../shared/bridge';
import type { Bookmark, RecordingEntry, ReplayStatus } from '../shared/replay';
import type { ConnectionProfile } from '../shared/connection-profile';
import type { PlantFile } from '../shared/plant-schema';
import type { SourceInfo } from '../shared/views';
import { SystemClock } from '../core/clock';
import { SparkplugDecoder } from '../core/decode/sparkplug-decoder';
import { Engine } from '../core/engine';
import { FramePublisher, type FrameSink } from '../core/frame-publisher';
import { loadPlantFile } from '../core/plant/load-plant';
import { loadChunkDecompressors } from '../core/replay/chunk-decompression';
import { listRecordings } from '../core/replay/recording-catalogue';
import { ProfileStore } from '../core/profiles/profile-store';
import { MemorySecretStore } from '../core/profiles/secret-store';
import { shiftStartClock } from '../sim/prefill';
import { BridgeRequests } from './bridge-requests';
import { ForecastService } from './forecast-service';
import { forecastScript, type ForecastLauncher } from './forecast-process';
import { traceWorkerFile } from './trace-worker-file';
import { ensureDemoNightShift } from './demo-night-shift';
import { plantJournalDir, plantTraceFile } from './data-dir';
import { TraceStore } from '../core/trace/trace-store';
import { PlantCatalogue } from './plant-catalogue';
import { ReplaySession } from './replay-session';
import { RuntimeLosses } from './runtime-losses';
import { SerialQueue } from './serial-queue';
import { recordingsRoot, type RecordingOptions } from './session-recorder';
import { SourceController, type SourceTarget } from './source-controller';
import { Watchdog } from './watchdog';

export { BridgeRequestError } from './bridge-requests';

export interface RuntimeOptions {
  /** Folder with the built-in plant files (`assets/plants`). */
  plantsDir: string;
  /** The built MQTT ingest worker script (`out/main/mqtt-ingest-worker.js`). */
  ingestWorker: string;
  /** A plant file to load instead of the first built-in one. */
  plantFile?: string;
  /** Connect to this broker; without it the runtime runs the demo (embedded broker + simulator). */
  profile?: ConnectionProfile;
  demoBrokerPort?: number;
  /** Saved broker profiles; without it they live in memory for this run only. */
  profiles?: ProfileStore;
  simSpeed?: number;
  seed?: number;
  /** The app's data folder; each plant's alarm journal is kept in it. Without it alarms are not journaled. */
  dataDir?: string;
  /** The flight recorder, on for live and demo sessions with a data folder unless `off`. */
  recording?: RecordingOptions;
  /** Record the demo plant's last night shift (a fault cascade) once, so replay can be shown at once. */
  demoNightShift?: boolean;
  /** Start replaying this recording (a file or a session folder); the live target runs behind it. */
  replay?: string;
  /**
   * Recordings may be opened from anywhere (the Electron shell: a path the user picked in the
   * open dialog). Otherwise only under `<data-dir>/recordings`, its exports, and `replay`.
   */
  openAnyRecording?: boolean;
  /** The built forecast script; by default beside the ingest worker. */
  forecastScript?: string;
  /** How forecast processes start: Node's `fork` by default; the shell passes Electron's `utilityProcess`. */
  forecastLauncher?: ForecastLauncher;
  /** Traceability: the genealogy store on a PostgreSQL server (`postgres://…`) instead of `<data-dir>/<plant>/trace/`. */
  traceDb?: string;
  /** Genealogy older than this is removed (default 90). */
  traceRetentionDays?: number;
}

/** Bookmarks added live, kept for the session (the recorder records them); the oldest make room. */
const MAX_LIVE_BOOKMARKS = 1000;

/**
 * The running app minus its window: the engine, where its data comes from (a broker, or the
 * demo), and the frame stream. The Electron shell and the headless host both run one.
 * Source changes and plant loads run one at a time, in the order asked, so a change never
 * overlaps another and one source at most feeds the engine.
 */
export class Runtime {
  private engineRef!: Engine;
  private publisher!: FramePublisher;
  private readonly sinks = new Set<FrameSink>();
  private readonly sinkRemovers = new Map<FrameSink, () => void>();
  private readonly plantListeners = new Set<(p: PlantFile) => void>();
  private readonly changes = new SerialQueue();
  /** Set by stop: a change queued behind it must not start a source again. */
  private stopped = false;
  private readonly sources: SourceController;
  private readonly requests: BridgeRequests;
  readonly profiles: ProfileStore;
  /** The recording being replayed; the live engine and source go on behind it. */
  private replaySession: ReplaySession | undefined;
  private replayPublisher: FramePublisher | undefined;
  private decompress: McapTypes.DecompressHandlers | undefined;
  private readonly liveBookmarks: Bookmark[] = [];
  /** Uptime and renderer restarts, for `/api/health` (the desktop shell reports its restarts). */
  readonly watchdog = new Watchdog();
  /** Shift loss analysis and the shift reports (issue 14). */
  readonly losses: RuntimeLosses;
  private readonly forecast: ForecastService;
  /** The live plant's genealogy store (replays are not written to it). */
  private traceStore: TraceStore | undefined;

  private constructor(
    private readonly opts: RuntimeOptions,
    private readonly catalogue: PlantCatalogue,
  ) {
    this.sources = new SourceController(opts, opts.profile ? { kind: 'live', profile: opts.profile } : { kind: 'demo' });
    this.profiles = opts.profiles ?? new ProfileStore(undefined, new MemorySecretStore());
    this.losses = new RuntimeLosses(opts.dataDir, () => this.replaySession, (line, shiftEnd) => this.forecast.checkpoints(line, shiftEnd));
    this.forecast = new ForecastService({
      script: opts.forecastScript ?? forecastScript(dirname(opts.ingestWorker)),
      ...(opts.forecastLauncher ? { launch: opts.forecastLauncher } : {}),
      recordings: () => this.keptRecordings(),
    });
    this.requests = new BridgeRequests({
      losses: this.losses,
      engine: () => this.engine,
      profiles: this.profiles,
      catalogue,
      loadPlant: (plant) => this.loadPlant(plant),
      switchSource: (target) => this.switchSource(target),
      forecast: this.forecast,
      replay: {
        list: () => this.keptRecordings(),
        mayOpen: (path) => this.mayOpenRecording(path),
        open: (path) => this.openRecording(path),
        session: () => this.replaySession,
        goLive: () => this.goLive(),
        liveBookmark: (b) => this.addLiveBookmark(b),
        liveBookmarks: () => [...this.liveBookmarks],
        exportDir: () => this.exportsDir,
      },
      trace: () => this.traceStore,
    });
  }

  static async start(opts: RuntimeOptions): Promise<Runtime> {
    const rt = new Runtime(opts, await PlantCatalogue.scan(opts.plantsDir));
    await rt.loadPlant(await loadPlantFile(opts.plantFile ?? rt.catalogue.defaultFile()));
    if (opts.replay) await rt.openRecording(opts.replay);
    if (opts.demoNightShift && opts.dataDir !== undefined && !opts.recording?.off && rt.sources.targetKind === 'demo') rt.makeDemoNightShift();
    return rt;
  }

  /** Records the demo plant's last night shift once, in the background; the demo runs on meanwhile. */
  private makeDemoNightShift(): void {
    const plant = this.engineRef.plant;
    ensureDemoNightShift(plant, this.recordingsDir, this.opts.recording?.library ?? 'linetwin', Date.now()).catch((err: Error) => {
      this.engineRef.counters.dropped.add('demo-night-shift-failed');
      process.stderr.write(`linetwin: ${err.message}\n`);
    });
  }

  /** The recordings under the data folder; none without one. */
  private async keptRecordings(): Promise<RecordingEntry[]> {
    return this.opts.dataDir ? listRecordings(this.recordingsDir, (this.decompress ??= await loadChunkDecompressors())) : [];
  }

  /** The engine on show: the replay's while a recording is open, else the live one. */
  get engine(): Engine {
    return this.replaySession?.player.engine ?? this.engineRef;
  }

  get replay(): ReplayStatus | null {
    return this.replaySession?.status() ?? null;
  }

  /** The folder the recorder writes into (`--record-dir` included): listed, opened from and given the demo's night shift. */
  private get recordingsDir(): string {
    return recordingsRoot(this.opts) ?? join(tmpdir(), 'recordings');
  }

  private get exportsDir(): string {
    return join(this.opts.dataDir ?? join(tmpdir(), 'linetwin'), 'exports');
  }

  get demoBrokerUrl(): string | undefined {
    return this.sources.demoBrokerUrl;
  }

  addFrameSink(sink: FrameSink): () => void {
    this.sinks.add(sink);
    this.attach(sink);
    return () => {
      this.sinkRemovers.get(sink)?.();
      this.sinkRemovers.delete(sink);
      this.sinks.delete(sink);
    };
  }

  onPlant(listener: (p: PlantFile) => void): () => void {
    this.plantListeners.add(listener);
    return () => this.plantListeners.delete(listener);
  }

  /** Handles one bridge request; params and who may make it are checked by the request service. */
  request(method: unknown, params: unknown, caller: BridgeCaller): Promise<unknown> {
    return this.requests.handle(method, params, caller);
  }

  /** Frames from the publisher on show; in replay each carries the replay's status. */
  private attach(sink: FrameSink): void {
    this.sinkRemovers.get(sink)?.();
    const session = this.replaySession;
    const replayPublisher = this.replayPublisher;
    if (session && replayPublisher) {
      this.sinkRemovers.set(sink, replayPublisher.add({ ready: () => sink.ready(), send: (frame) => sink.send({ ...frame, replay: session.status() }) }));
    } else this.sinkRemovers.set(sink, this.publisher.add(sink));
  }

  /** Stops the current source and starts `target`; the plant and its state stay. A replay ends first. */
  private switchSource(target: SourceTarget): Promise<SourceInfo> {
    return this.changes.run(async () => {
      this.refuseWhenStopped();
      await this.leaveReplay();
      await this.sources.switchTo(this.engineRef, target);
      return this.engineRef.health().source;
    });
  }

  /**
   * Replays a recording (a file or a session folder) with the plant it carries, in place of the
   * live view; the live source and engine go on behind it, so going back to live loses nothing.
   */
  private openRecording(path: string): Promise<ReplayStatus> {
    return this.changes.run(async () => {
      this.refuseWhenStopped();
      this.decompress ??= await loadChunkDecompressors();
      const session = await ReplaySession.open(path, this.decompress);
      await this.closeReplay();
      this.replaySession = session;
      this.replayPublisher = new FramePublisher(session.player.engine, undefined, false);
      for (const sink of this.sinks) this.attach(sink);
      this.replayPublisher.start();
      for (const l of this.plantListeners) l(session.plant);
      return session.status();
    });
  }

  /** Whether a caller may open `path`: anything in the Electron shell, else what the host keeps and what it was started with. */
  mayOpenRecording(path: string): boolean {
    if (this.opts.openAnyRecording) return true;
    const target = resolve(path);
    if (this.opts.replay && target === resolve(this.opts.replay)) return true;
    return [this.recordingsDir, this.exportsDir].some((root) => {
      const rel = relative(root, target);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    });
  }

  private goLive(): Promise<SourceInfo> {
    return this.changes.run(async () => {
      await this.leaveReplay();
      return this.engineRef.health().source;
    });
  }

  /** Ends the replay and shows live again. */
  private async leaveReplay(): Promise<void> {
    if (!this.replaySession) return;
    await this.closeReplay();
    for (const sink of this.sinks) this.attach(sink);
    for (const l of this.plantListeners) l(this.engineRef.plant);
  }

  private async closeReplay(): Promise<void> {
    this.replayPublisher?.stop();
    this.replayPublisher = undefined;
    const session = this.replaySession;
    this.replaySession = undefined;
    await session?.close();
  }

  private addLiveBookmark(b: Bookmark): void {
    if (this.liveBookmarks.length >= MAX_LIVE_BOOKMARKS) this.liveBookmarks.shift();
    this.liveBookmarks.push(b);
    this.sources.recorder?.bookmark(b);
  }

  /** A new engine for `plant`, fed by the current source target. */
  private loadPlant(plant: PlantFile): Promise<void> {
    return this.changes.run(async () => {
      this.refuseWhenStopped();
      await this.leaveReplay();
      await this.sources.stop();
      this.publisher?.stop();
      const sparkplug = plant.sparkplug ? new SparkplugDecoder(plant) : undefined;
      const journalDir = this.opts.dataDir === undefined ? undefined : plantJournalDir(this.opts.dataDir, plant.id);
      // The demo opens with the shift's history: its engine starts at the shift start and the prefill brings it to now.
      const clock = this.sources.targetKind === 'demo' ? shiftStartClock(plant) : new SystemClock();
      const engine = new Engine({ plant, clock, families: sparkplug ? [sparkplug] : [], journalDir });
      if (sparkplug) sparkplug.onRebirthWanted((node) => this.sources.requestRebirth(engine, sparkplug.groupId, node));
      engine.onAction((a) => this.sources.recorder?.action(a));
      this.losses.attach(engine);
      await this.openTrace(engine);
      this.engineRef = engine;
      this.publisher = new FramePublisher(engine);
      for (const sink of this.sinks) this.attach(sink);
      this.publisher.start();
      this.forecast.attach(engine);
      await this.sources.start(engine);
      for (const l of this.plantListeners) l(plant);
    });
  }

  stop(): Promise<void> {
    return this.changes.run(async () => {
      this.stopped = true;
      this.losses.stop();
      await this.forecast.stop();
      await this.closeReplay();
      this.publisher.stop();
      await this.sources.close();
      await this.traceStore?.close();
      this.traceStore = undefined;
    });
  }

  /** The genealogy store of `engine`'s plant, fed from its events; a store that fails to open is reported, the twin runs on. */
  private async openTrace(engine: Engine): Promise<void> {
    await this.traceStore?.close();
    this.traceStore = undefined;
    const location = this.opts.traceDb ?? (this.opts.dataDir === undefined ? undefined : plantTraceFile(this.opts.dataDir, engine.plant.id));
    if (location === undefined) return;
    try {
      const retentionMs = this.opts.traceRetentionDays === undefined ? undefined : this.opts.traceRetentionDays * 86_400_000;
      const workerFile = traceWorkerFile(dirname(this.opts.ingestWorker));
      const store = await TraceStore.open({ location, plant: engine.plant, clock: engine.clock, workerFile, ...(retentionMs ? { retentionMs } : {}) });
      this.traceStore = store;
      engine.onEvent((e) => store.offer(e));
      engine.traceStatus = () => store.health();
    } catch (err) {
      engine.counters.dropped.add('trace-store-failed');
      process.stderr.write(`linetwin: genealogy store: ${(err as Error).message}\n`);
    }
  }

  private refuseWhenStopped(): void {
    if (this.stopped) throw new Error('the runtime is stopped');
  }
}
