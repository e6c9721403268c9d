import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isBridgeMethod, type BridgeMethods, type PlantListEntry } from '../shared/bridge';
import type { ConnectionProfile } from '../shared/connection-profile';
import type { PlantFile } from '../shared/plant-schema';
import { SystemClock } from '../core/clock';
import { Engine } from '../core/engine';
import { FramePublisher, type FrameSink } from '../core/frame-publisher';
import { loadPlantFile } from '../core/plant/load-plant';
import { LivePlayer, type Player } from '../core/player';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sim/embedded-broker';
import { runSimulator, type SimRun } from '../sim/sim-runner';

export interface RuntimeOptions {
  /** Folder with the built-in plant files (`assets/plants`). */
  plantsDir: string;
  /** A plant file to load instead of the first built-in one. */
  plantFile?: string;
  /** Connect to this broker; without it the runtime runs the demo (embedded broker + simulator). */
  profile?: ConnectionProfile;
  demoBrokerPort?: number;
  simSpeed?: number;
  seed?: number;
}

/** The plant a fresh start shows: the tire plant draws people to the booth. */
const DEFAULT_PLANT_FILE = 'tire-plant.json';

/** Thrown for a bridge request the runtime refuses; the message goes back to the caller. */
export class BridgeRequestError extends Error {}

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

  private constructor(private readonly opts: RuntimeOptions) {}

  static async start(opts: RuntimeOptions): Promise<Runtime> {
    const rt = new Runtime(opts);
    rt.plantFiles = await rt.scanPlants();
    const first = opts.plantFile ?? rt.plantFiles.get(DEFAULT_PLANT_FILE) ?? [...rt.plantFiles.values()][0];
    if (!first) throw new Error(`no plant files in ${opts.plantsDir}`);
    if (!opts.profile) rt.broker = await startEmbeddedBroker({ port: opts.demoBrokerPort ?? 1883 });
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
    }
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
    const engine = new Engine({ plant, clock: new SystemClock() });
    this.engineRef = engine;
    this.publisher = new FramePublisher(engine);
    for (const sink of this.sinks) this.sinkRemovers.set(sink, this.publisher.add(sink));
    this.publisher.start();
    const profile: ConnectionProfile = this.opts.profile ?? { urls: [this.broker?.url ?? ''], protocolVersion: 4 };
    this.player = new LivePlayer(engine, profile, this.opts.profile ? 'live' : 'demo');
    await this.player.start();
    if (this.broker) {
      this.sim = await runSimulator({ brokerUrl: this.broker.url, plant, seed: this.opts.seed ?? 1, speed: this.opts.simSpeed ?? 1 });
    }
    for (const l of this.plantListeners) l(plant);
  }

  private async stopSources(): Promise<void> {
    await this.sim?.stop();
    this.sim = undefined;
    await this.player?.stop();
    this.player = undefined;
  }
}
