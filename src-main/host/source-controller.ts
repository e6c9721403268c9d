import type { ConnectionProfile } from '../shared/connection-profile';
import { rebirthRequest } from '../core/decode/sparkplug-codec';
import type { Engine } from '../core/engine';
import { LivePlayer } from '../core/player';
import type { FlightRecorder } from '../core/record/flight-recorder';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sim/embedded-broker';
import { runSimulator, type SimRun } from '../sim/sim-runner';
import { openSessionRecorder, type RecordingOptions } from './session-recorder';

/** What the source should be: a broker profile, the demo, or nothing (disconnected). */
export type SourceTarget = { kind: 'live'; profile: ConnectionProfile } | { kind: 'demo' } | { kind: 'none' };

export interface SourceOptions {
  /** The built MQTT ingest worker script (`out/main/mqtt-ingest-worker.js`). */
  ingestWorker: string;
  demoBrokerPort?: number;
  simSpeed?: number;
  seed?: number;
  /** Where sessions are recorded (`<dataDir>/recordings`); without a data folder nothing is. */
  dataDir?: string;
  recording?: RecordingOptions;
}

/**
 * Where the engine's data comes from: a live broker, or the demo (the embedded broker, kept
 * for the whole run, and the simulator publishing to it). Not safe for overlapping calls: the
 * runtime queues every change, so one source at most feeds an engine.
 */
export class SourceController {
  private player: LivePlayer | undefined;
  private sim: SimRun | undefined;
  private broker: EmbeddedBroker | undefined;
  private recorderRef: FlightRecorder | undefined;

  constructor(
    private readonly opts: SourceOptions,
    private target: SourceTarget,
  ) {}

  get targetKind(): SourceTarget['kind'] {
    return this.target.kind;
  }

  get demoBrokerUrl(): string | undefined {
    return this.broker?.url;
  }

  /** The flight recorder of the running source, if any. */
  get recorder(): FlightRecorder | undefined {
    return this.recorderRef;
  }

  /** Starts the target's source feeding `engine`; any source running before must be stopped. */
  async start(engine: Engine): Promise<void> {
    const target = this.target;
    if (target.kind === 'none') return;
    if (target.kind === 'live') {
      this.recorderRef = await openSessionRecorder(engine, 'live', target.profile.urls.join(','), this.opts);
      this.player = new LivePlayer(engine, target.profile, this.opts.ingestWorker, 'live', this.recorderRef);
      await this.player.start();
      return;
    }
    await this.startDemo(engine);
  }

  /** Stops the current source and starts `target` feeding `engine`. */
  async switchTo(engine: Engine, target: SourceTarget): Promise<void> {
    await this.stop();
    this.target = target;
    await this.start(engine);
  }

  /** Stops the source; the embedded broker stays for the next demo. */
  async stop(): Promise<void> {
    await this.sim?.stop();
    this.sim = undefined;
    await this.player?.stop();
    this.player = undefined;
    await this.recorderRef?.close();
    this.recorderRef = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.broker?.close();
    this.broker = undefined;
  }

  /** Publishes a Sparkplug rebirth request only where the user's profile allows it. */
  requestRebirth(engine: Engine, groupId: string, node: string): void {
    if (this.target.kind !== 'live' || !this.target.profile.sparkplugRebirthRequests || !this.player) return;
    const { topic, payload } = rebirthRequest(groupId, node, engine.clock.now());
    if (!this.player.publish(topic, payload)) engine.counters.dropped.add('rebirth-not-sent');
  }

  private async startDemo(engine: Engine): Promise<void> {
    this.broker ??= await startEmbeddedBroker({ port: this.opts.demoBrokerPort ?? 1883 });
    this.recorderRef = await openSessionRecorder(engine, 'demo', this.broker.url, this.opts);
    this.player = new LivePlayer(engine, { urls: [this.broker.url], protocolVersion: 4 }, this.opts.ingestWorker, 'demo', this.recorderRef);
    await this.player.start();
    this.sim = await runSimulator({ brokerUrl: this.broker.url, plant: engine.plant, seed: this.opts.seed ?? 1, speed: this.opts.simSpeed ?? 1, scenario: 'demo', prefill: engine });
  }
}
