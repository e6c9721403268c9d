import { ManualClock } from '../core/clock';
import { SparkplugDecoder } from '../core/decode/sparkplug-decoder';
import { Engine } from '../core/engine';
import type { RawMessage } from '../core/raw-message';
import { FlightRecorder } from '../core/record/flight-recorder';
import type { RecorderStatus } from '../shared/views';
import type { PlantFile } from '../shared/plant-schema';
import { PlantSimulator } from './plant-simulator';
import type { PublishTarget } from './publish-target';
import { applyScenario, type ScenarioName } from './scenarios';
import type { SessionEncoder } from './session-encoder';
import type { SimFormat } from './sim-runner';
import { SparkplugEncoder } from './sparkplug-encoder';
import { UnsEncoder } from './uns-encoder';

export interface SimRecordOptions {
  plant: PlantFile;
  /** The recording's folder: its segments go straight in it. */
  dir: string;
  format: SimFormat;
  scenario: ScenarioName;
  seed: number;
  /** Simulated start, ms since the epoch. */
  start: number;
  durationMs: number;
  segmentMs?: number;
  /** MCAP header library: `linetwin <version>`. */
  library: string;
  /**
   * The engine state a keyframe holds. When given, an engine runs alongside on the simulated
   * clock, fed the same messages, and the recorder takes keyframes from it.
   */
  keyframeOf?: (engine: Engine) => unknown;
  compression?: ConstructorParameters<typeof FlightRecorder>[0]['compression'];
}

export interface SimRecordResult {
  messages: number;
  from: number;
  to: number;
  wallMs: number;
  recorder: RecorderStatus;
}

/** Simulated time per step: the writer gets its turn between steps. */
const STEP_MS = 10_000;
/** Above this backlog the simulation waits for the disk instead of the recorder dropping. */
const BACKLOG_WAIT_BYTES = 8 * 1024 * 1024;

const utf8 = new TextEncoder();

/**
 * A recording straight from the simulator, no broker: the messages the encoder would publish,
 * stamped with their simulated time, into a flight recorder, as fast as the CPU goes.
 */
export async function recordSimulation(opts: SimRecordOptions): Promise<SimRecordResult> {
  const started = performance.now();
  const { plant } = opts;
  const end = opts.start + opts.durationMs;
  const clock = new ManualClock(opts.start);
  const engine = opts.keyframeOf ? new Engine({ plant, clock, families: plant.sparkplug ? [new SparkplugDecoder(plant)] : [] }) : undefined;
  const keyframeOf = opts.keyframeOf;
  const recorder = new FlightRecorder({
    root: opts.dir,
    sessionDir: opts.dir,
    plant,
    source: 'sim',
    url: `sim:${opts.format}`,
    start: opts.start,
    clock,
    library: opts.library,
    segmentMs: opts.segmentMs,
    retentionMs: Infinity,
    retentionBytes: Infinity,
    compression: opts.compression,
    ...(engine && keyframeOf ? { keyframe: () => keyframeOf(engine) } : {}),
  });
  let now = opts.start;
  let messages = 0;
  const target: PublishTarget = {
    publish(topic, payload, pubOpts) {
      const msg: RawMessage = { topic, payload: typeof payload === 'string' ? utf8.encode(payload) : payload, receivedAt: now, retain: pubOpts.retain, qos: pubOpts.qos };
      messages += 1;
      clock.set(now);
      recorder.message(msg);
      engine?.ingest(msg);
    },
  };
  const encoder: SessionEncoder = opts.format === 'sparkplug' ? new SparkplugEncoder(plant) : new UnsEncoder(plant);
  const sim = new PlantSimulator(plant, { emit: (r) => ((now = Math.max(now, r.ts)), encoder.emit(r)) }, { seed: opts.seed, start: opts.start });
  recorder.status({ kind: 'demo', connected: true, connection: 'connected', url: `sim:${opts.format}` }, opts.start);
  // Each session's Will (a Sparkplug NDEATH with its bdSeq) is asked before it goes online, as on a broker.
  const wills = encoder.sessions.map((session) => encoder.will(session));
  for (const session of encoder.sessions) encoder.online(session, target);
  applyScenario(sim, opts.scenario);
  sim.begin();
  for (let t = opts.start; t < end; ) {
    t = Math.min(t + STEP_MS, end);
    sim.advanceTo(t);
    now = t;
    clock.set(t);
    engine?.tick();
    if (recorder.backlogBytes > BACKLOG_WAIT_BYTES) await recorder.drain();
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // A clean end of the simulated sessions: each Sparkplug edge node says its death.
  for (const will of wills) if (will) target.publish(will.topic, will.payload, { retain: will.retain, qos: will.qos });
  await recorder.close();
  return { messages, from: opts.start, to: end, wallMs: performance.now() - started, recorder: recorder.status() };
}
