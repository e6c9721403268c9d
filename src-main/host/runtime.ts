import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBridgeMethod, type BridgeMethods, type PlantListEntry } from '../shared/bridge';
import type { ConnectionProfile } from '../shared/connection-profile';
import type { OperatorAction } from '../shared/operator-action';
import type { AlarmView, SourceInfo, StateTimelineView } from '../shared/views';
import type { PlantFile } from '../shared/plant-schema';
import { parseAction } from '../core/alarms/parse-action';
import { SystemClock } from '../core/clock';
import { rebirthRequest } from '../core/decode/sparkplug-codec';
import { SparkplugDecoder } from '../core/decode/sparkplug-decoder';
import { Engine } from '../core/engine';
import { FramePublisher, type FrameSink } from '../core/frame-publisher';
import { loadPlantFile } from '../core/plant/load-plant';
import { LivePlayer, type Player } from '../core/player';
import { ProfileError, ProfileStore } from '../core/profiles/profile-store';
import { MemorySecretStore } from '../core/profiles/secret-store';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sim/embedded-broker';
import { shiftStartClock } from '../sim/prefill';
import { runSimulator, type SimRun } from '../sim/sim-runner';

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
  /** Where the alarm journal is kept (default: `linetwin` in the system temp folder). */
  dataDir?: string;
}

/** The plant a fresh start shows: the tire plant draws people to the booth. */
const DEFAULT_PLANT_FILE = 'tire-plant.json';

/** Thrown for a bridge request the runtime refuses; the message goes back to the caller. */
export class BridgeRequestError extends Error {
  constructor(
    message: string,
    /** What HTTP would answer: bad input, or something that does not exist. */
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

/**
 * The running app minus its window: the engine, where its data comes from (a broker, or the
 * demo), and the frame stream. The Electron shell and the headless host both run one.
 */
export class Runtime {
  private engineRef!: Engine;
  private publisher!: FramePublisher;
  private player: Player | undefined;
  private broker: EmbeddedBroker | undefined;
  private sim: SimRun | undefined;
  private readonly sinks = new Set<FrameSink>();
  private readonly sinkRemovers = new Map<FrameSink, () => void>();
  private readonly plantListeners = new Set<(p: PlantFile) => void>();
  private plantFiles = new Map<string, string>();
  private sparkplug: SparkplugDecoder | undefined;
  /** What the source should be: a broker profile, the demo, or nothing (disconnected). */
  private target: { kind: 'live'; profile: ConnectionProfile } | { kind: 'demo' } | { kind: 'none' };
  readonly profiles: ProfileStore;

  private constructor(private readonly opts: RuntimeOptions) {
    this.target = opts.profile ? { kind: 'live', profile: opts.profile } : { kind: 'demo' };
    this.profiles = opts.profiles ?? new ProfileStore(undefined, new MemorySecretStore());
  }

  static async start(opts: RuntimeOptions): Promise<Runtime> {
    const rt = new Runtime(opts);
    rt.plantFiles = await rt.scanPlants();
    const first = opts.plantFile ?? rt.plantFiles.get(DEFAULT_PLANT_FILE) ?? [...rt.plantFiles.values()][0];
    if (!first) throw new Error(`no plant files in ${opts.plantsDir}`);
    await rt.load(await loadPlantFile(first));
    return rt;
  }

  get engine(): Engine {
    return this.engineRef;
  }

  get demoBrokerUrl(): string | undefined {
    return this.broker?.url;
  }

  addFrameSink(sink: FrameSink): () => void {
    this.sinks.add(sink);
    this.sinkRemovers.set(sink, this.publisher.add(sink));
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

  /** Handles one bridge request; params come from outside and are checked here. */
  async request(method: unknown, params: unknown): Promise<unknown> {
    if (!isBridgeMethod(method)) throw new BridgeRequestError(`unknown method ${String(method).slice(0, 40)}`);
    switch (method) {
      case 'getPlant':
        return this.engine.plant;
      case 'listPlants':
        return this.listPlants();
      case 'selectPlant':
        return this.selectPlant(params);
      case 'getSnapshot':
        return this.engine.snapshot();
      case 'getHealth':
        return this.engine.health();
      case 'listProfiles':
        return this.profiles.list();
      case 'saveProfile':
        return this.profiles.save(params).catch((err: unknown) => {
          throw err instanceof ProfileError ? new BridgeRequestError(err.message) : err;
        });
      case 'connect':
        return this.connect(params);
      case 'disconnect':
        return this.switchSource({ kind: 'none' });
      case 'ackAlarm':
        return this.alarmAction('ack', params).alarm;
      case 'ackAllAlarms':
        return { acknowledged: this.alarmAction('ackAll', params).count };
      case 'shelveAlarm':
        return this.alarmAction('shelve', params).alarm;
      case 'unshelveAlarm':
        return this.alarmAction('unshelve', params).alarm;
      case 'setAlarmOutOfService':
        return this.alarmAction('outOfService', params).alarm;
      case 'exportAlarmJournal':
        return this.engine.journal?.toCsv() ?? '';
      case 'getStateTimeline':
        return this.stateTimeline(params);
      case 'getKpiTrend': {
        const line = (params as { line?: unknown } | null)?.line;
        const trend = typeof line === 'string' ? this.engine.kpiTrend(line) : undefined;
        if (!trend) throw new BridgeRequestError('getKpiTrend needs {line} naming a line of the plant', 404);
        return trend;
      }
    }
  }

  /** An operator action from outside, checked, then applied through the engine. */
  private alarmAction(kind: OperatorAction['kind'], params: unknown): { alarm?: AlarmView; count: number } {
    const parsed = parseAction(kind, params);
    if (!parsed.ok) throw new BridgeRequestError(parsed.reason, 400);
    const result = this.engine.applyAction(parsed.action);
    if (!result.ok) throw new BridgeRequestError(result.reason, result.status);
    return result;
  }

  private stateTimeline(params: unknown): StateTimelineView {
    const p = (params ?? {}) as { line?: unknown; station?: unknown };
    const plant = this.engine.plant;
    const line = plant.lines.find((l) => l.id === p.line);
    const ids = line ? line.stations.map((s) => s.id) : plant.lines.flatMap((l) => l.stations.map((s) => s.id)).filter((id) => id === p.station);
    if (ids.length === 0) throw new BridgeRequestError('getStateTimeline needs {line} or {station} of the plant', 404);
    return this.engine.stateTimeline(ids);
  }

  private async connect(params: unknown): Promise<SourceInfo> {
    const p = params as { profileId?: unknown; demo?: unknown } | null;
    if (p?.demo === true) return this.switchSource({ kind: 'demo' });
    if (typeof p?.profileId !== 'string') throw new BridgeRequestError('connect needs {profileId: string} or {demo: true}');
    const profile = await this.profiles.resolve(p.profileId).catch((err: unknown) => {
      throw err instanceof ProfileError ? new BridgeRequestError(err.message) : err;
    });
    if (!profile) throw new BridgeRequestError(`no profile with id ${p.profileId.slice(0, 60)}`);
    return this.switchSource({ kind: 'live', profile });
  }

  /** Stops the current source and starts `target`; the plant and its state stay. */
  private async switchSource(target: Runtime['target']): Promise<SourceInfo> {
    await this.stopSources();
    this.target = target;
    await this.startSource();
    return this.engine.health().source;
  }

  async stop(): Promise<void> {
    this.publisher.stop();
    await this.stopSources();
    await this.broker?.close();
  }

  private async listPlants(): Promise<BridgeMethods['listPlants']['result']> {
    const out: PlantListEntry[] = [];
    for (const file of this.plantFiles.values()) {
      const plant = await loadPlantFile(file).catch(() => undefined);
      if (plant) out.push({ id: plant.id, name: plant.name });
    }
    return out;
  }

  private async selectPlant(params: unknown): Promise<PlantFile> {
    const id = (params as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new BridgeRequestError('selectPlant needs {id: string}');
    for (const file of this.plantFiles.values()) {
      const plant = await loadPlantFile(file).catch(() => undefined);
      if (plant?.id === id) {
        await this.load(plant);
        return plant;
      }
    }
    throw new BridgeRequestError(`no plant with id ${id.slice(0, 60)}`);
  }

  private async scanPlants(): Promise<Map<string, string>> {
    const files = (await readdir(this.opts.plantsDir)).filter((f) => f.endsWith('.json')).sort();
    return new Map(files.map((f) => [f, join(this.opts.plantsDir, f)]));
  }

  private async load(plant: PlantFile): Promise<void> {
    await this.stopSources();
    this.publisher?.stop();
    this.sparkplug = plant.sparkplug ? new SparkplugDecoder(plant) : undefined;
    this.sparkplug?.onRebirthWanted((node) => this.requestRebirth(node));
    const journalDir = join(this.opts.dataDir ?? join(tmpdir(), 'linetwin'), 'alarm-journal');
    const clock = this.target.kind === 'demo' ? shiftStartClock(plant) : new SystemClock();
    const engine = new Engine({ plant, clock, families: this.sparkplug ? [this.sparkplug] : [], journalDir });
    this.engineRef = engine;
    this.publisher = new FramePublisher(engine);
    for (const sink of this.sinks) this.sinkRemovers.set(sink, this.publisher.add(sink));
    this.publisher.start();
    await this.startSource();
    for (const l of this.plantListeners) l(plant);
  }

  private async startSource(): Promise<void> {
    const target = this.target;
    if (target.kind === 'none') return;
    if (target.kind === 'live') {
      this.player = new LivePlayer(this.engine, target.profile, this.opts.ingestWorker, 'live');
      await this.player.start();
      return;
    }
    this.broker ??= await startEmbeddedBroker({ port: this.opts.demoBrokerPort ?? 1883 });
    this.player = new LivePlayer(this.engine, { urls: [this.broker.url], protocolVersion: 4 }, this.opts.ingestWorker, 'demo');
    await this.player.start();
    const plant = this.engine.plant;
    this.sim = await runSimulator({ brokerUrl: this.broker.url, plant, seed: this.opts.seed ?? 1, speed: this.opts.simSpeed ?? 1, scenario: 'demo', prefill: this.engine });
  }

  /** Publishes a Sparkplug rebirth request only where the user's profile allows it. */
  private requestRebirth(node: string): void {
    const groupId = this.sparkplug?.groupId;
    if (this.target.kind !== 'live' || !this.target.profile.sparkplugRebirthRequests || !groupId || !(this.player instanceof LivePlayer)) return;
    const { topic, payload } = rebirthRequest(groupId, node, this.engine.clock.now());
    if (!this.player.publish(topic, payload)) this.engine.counters.dropped.add('rebirth-not-sent');
  }

  private async stopSources(): Promise<void> {
    await this.sim?.stop();
    this.sim = undefined;
    await this.player?.stop();
    this.player = undefined;
  }
}
