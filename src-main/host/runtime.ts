import type { BridgeCaller } from '../shared/bridge';
import type { ConnectionProfile } from '../shared/connection-profile';
import type { PlantFile } from '../shared/plant-schema';
import type { SourceInfo } from '../shared/views';
import { SystemClock } from '../core/clock';
import { SparkplugDecoder } from '../core/decode/sparkplug-decoder';
import { Engine } from '../core/engine';
import { FramePublisher, type FrameSink } from '../core/frame-publisher';
import { loadPlantFile } from '../core/plant/load-plant';
import { ProfileStore } from '../core/profiles/profile-store';
import { MemorySecretStore } from '../core/profiles/secret-store';
import { shiftStartClock } from '../sim/prefill';
import { BridgeRequests } from './bridge-requests';
import { plantJournalDir } from './data-dir';
import { PlantCatalogue } from './plant-catalogue';
import { SerialQueue } from './serial-queue';
import type { RecordingOptions } from './session-recorder';
import { SourceController, type SourceTarget } from './source-controller';

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
}

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

  private constructor(
    private readonly opts: RuntimeOptions,
    private readonly catalogue: PlantCatalogue,
  ) {
    this.sources = new SourceController(opts, opts.profile ? { kind: 'live', profile: opts.profile } : { kind: 'demo' });
    this.profiles = opts.profiles ?? new ProfileStore(undefined, new MemorySecretStore());
    this.requests = new BridgeRequests({
      engine: () => this.engine,
      profiles: this.profiles,
      catalogue,
      loadPlant: (plant) => this.loadPlant(plant),
      switchSource: (target) => this.switchSource(target),
    });
  }

  static async start(opts: RuntimeOptions): Promise<Runtime> {
    const rt = new Runtime(opts, await PlantCatalogue.scan(opts.plantsDir));
    await rt.loadPlant(await loadPlantFile(opts.plantFile ?? rt.catalogue.defaultFile()));
    return rt;
  }

  get engine(): Engine {
    return this.engineRef;
  }

  get demoBrokerUrl(): string | undefined {
    return this.sources.demoBrokerUrl;
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

  /** Handles one bridge request; params and who may make it are checked by the request service. */
  request(method: unknown, params: unknown, caller: BridgeCaller): Promise<unknown> {
    return this.requests.handle(method, params, caller);
  }

  /** Stops the current source and starts `target`; the plant and its state stay. */
  private switchSource(target: SourceTarget): Promise<SourceInfo> {
    return this.changes.run(async () => {
      this.refuseWhenStopped();
      await this.sources.switchTo(this.engine, target);
      return this.engine.health().source;
    });
  }

  /** A new engine for `plant`, fed by the current source target. */
  private loadPlant(plant: PlantFile): Promise<void> {
    return this.changes.run(async () => {
      this.refuseWhenStopped();
      await this.sources.stop();
      this.publisher?.stop();
      const sparkplug = plant.sparkplug ? new SparkplugDecoder(plant) : undefined;
      const journalDir = this.opts.dataDir === undefined ? undefined : plantJournalDir(this.opts.dataDir, plant.id);
      // The demo opens with the shift's history: its engine starts at the shift start and the prefill brings it to now.
      const clock = this.sources.targetKind === 'demo' ? shiftStartClock(plant) : new SystemClock();
      const engine = new Engine({ plant, clock, families: sparkplug ? [sparkplug] : [], journalDir });
      if (sparkplug) sparkplug.onRebirthWanted((node) => this.sources.requestRebirth(engine, sparkplug.groupId, node));
      engine.onAction((a) => this.sources.recorder?.action(a));
      this.engineRef = engine;
      this.publisher = new FramePublisher(engine);
      for (const sink of this.sinks) this.sinkRemovers.set(sink, this.publisher.add(sink));
      this.publisher.start();
      await this.sources.start(engine);
      for (const l of this.plantListeners) l(plant);
    });
  }

  stop(): Promise<void> {
    return this.changes.run(async () => {
      this.stopped = true;
      this.publisher.stop();
      await this.sources.close();
    });
  }

  private refuseWhenStopped(): void {
    if (this.stopped) throw new Error('the runtime is stopped');
  }
}
