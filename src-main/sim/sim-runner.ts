import mqtt, { type MqttClient } from 'mqtt';
import { PrefillClock } from '../core/clock';
import type { Engine } from '../core/engine';
import { decodeSparkplugPayload } from '../core/decode/sparkplug-codec';
import type { PlantFile } from '../shared/plant-schema';
import { PlantSimulator } from './plant-simulator';
import { prefillEngine, SinkSwitch, type PrefillStats } from './prefill';
import type { PublishTarget } from './publish-target';
import { deriveSeed, Rng } from '../core/rng';
import { applyScenario, type ScenarioName } from './scenarios';
import type { SessionEncoder, Will } from './session-encoder';
import { SparkplugEncoder } from './sparkplug-encoder';
import { UnsEncoder } from './uns-encoder';

export type SimFormat = 'uns' | 'sparkplug';

export interface SimRunOptions {
  brokerUrl: string;
  plant: PlantFile;
  seed: number;
  /** Simulated seconds per wall-clock second, or 'max': as fast as the broker takes the messages. */
  speed: number | 'max';
  format?: SimFormat;
  /** Simulated start, ms since the epoch; default now. Same seed and start, same messages. */
  start?: number;
  /** Simulated seconds to run; default until stopped. */
  durationS?: number;
  scenario?: ScenarioName;
  metricsPeriodMs?: number;
  tickMs?: number;
  /**
   * An engine whose clock is a held `PrefillClock`: the simulation starts at that time and runs
   * into the engine as fast as the CPU goes up to now (the shift's history), then goes on live
   * through the broker from the same state. The scenario starts with the live part.
   */
  prefill?: Engine;
}

export interface SimRunStats {
  published: number;
  /** Messages lost to a dropped connection (flaky network) or refused by the client. */
  dropped: number;
  simTime: number;
  reconnects: number;
}

export interface SimRun {
  /** Settles when `durationS` of simulated time has been published (never without one). */
  readonly done: Promise<void>;
  /** What the prefill did, when there was one. */
  readonly prefill: PrefillStats | undefined;
  stats(): SimRunStats;
  stop(): Promise<void>;
}

/** Unacknowledged publishes above this pause the simulation until the client has written them out. */
const HIGH_WATER = 2000;
const LOW_WATER = 500;
/** Simulated time advanced per step at `--speed max`: small enough to keep the socket busy, big enough to be cheap. */
const MAX_SPEED_STEP_MS = 1000;

interface Session {
  name: string;
  client: MqttClient;
  will: Will | undefined;
}

function mqttWill(will: Will | undefined): mqtt.IClientOptions['will'] {
  return will && { topic: will.topic, payload: Buffer.from(will.payload), retain: will.retain, qos: will.qos };
}

/**
 * Runs the simulator against a broker: one MQTT session per encoder session (per Sparkplug edge
 * node), in scaled real time or as fast as the broker takes it, never holding more than
 * HIGH_WATER messages the client has not written out.
 */
export async function runSimulator(opts: SimRunOptions): Promise<SimRun> {
  const encoder: SessionEncoder = opts.format === 'sparkplug' ? new SparkplugEncoder(opts.plant) : new UnsEncoder(opts.plant);
  const clock = opts.prefill?.clock;
  const held = clock instanceof PrefillClock && clock.prefilling ? clock : undefined;
  const start = held?.now() ?? opts.start ?? Date.now();
  const end = opts.durationS === undefined ? Infinity : start + opts.durationS * 1000;
  const sink = new SinkSwitch(encoder);
  const sim = new PlantSimulator(opts.plant, sink, { seed: opts.seed, start, metricsPeriodMs: opts.metricsPeriodMs });
  let prefill: PrefillStats | undefined;
  if (held && opts.prefill) {
    prefill = prefillEngine(sim, sink, opts.prefill, held);
    sim.announce();
    applyScenario(sim, opts.scenario ?? 'normal');
  } else {
    applyScenario(sim, opts.scenario ?? 'normal');
    sim.begin();
  }

  const flaky = opts.scenario === 'flaky-network';
  const stats: SimRunStats = { published: 0, dropped: 0, simTime: start, reconnects: 0 };
  let pending = 0;
  let drainWaiters: Array<() => void> = [];
  const settle = (): void => {
    if (pending > LOW_WATER) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const w of waiters) w();
  };

  const targetFor = (client: MqttClient): PublishTarget => ({
    publish(topic, payload, pubOpts) {
      if (!client.connected) {
        stats.dropped += 1;
        return;
      }
      pending += 1;
      client.publish(topic, typeof payload === 'string' ? payload : Buffer.from(payload), pubOpts, (err) => {
        pending = Math.max(0, pending - 1);
        if (err) stats.dropped += 1;
        else stats.published += 1;
        settle();
      });
    },
  });

  const sessions: Session[] = [];
  for (const name of encoder.sessions) {
    const will = encoder.will(name);
    const client = await mqtt.connectAsync(opts.brokerUrl, {
      clientId: `linetwin-sim-${opts.plant.id}-${name}-${opts.seed}`,
      reconnectPeriod: flaky ? 3000 : 1000,
      // QoS 0 while offline is lost, as on a real network, instead of piling up in memory.
      queueQoSZero: false,
      will: mqttWill(will),
    });
    const session: Session = { name, client, will };
    sessions.push(session);
    encoder.online(name, targetFor(client));
    client.on('connect', () => {
      stats.reconnects += 1;
      encoder.online(name, targetFor(client));
    });
    client.on('close', () => {
      encoder.offline(name);
      // Publishes the dropped socket never wrote will not be acknowledged.
      pending = 0;
      settle();
      // The next connection is a new session: a new bdSeq in its Will and its births.
      session.will = encoder.will(name);
      client.options.will = mqttWill(session.will);
    });
    if (opts.format === 'sparkplug' && opts.plant.sparkplug) {
      const ncmd = `spBv1.0/${opts.plant.sparkplug.groupId}/NCMD/${name}`;
      client.on('message', (topic, payload) => {
        if (topic !== ncmd) return;
        try {
          const rebirth = decodeSparkplugPayload(payload).metrics?.some((m) => m.name === 'Node Control/Rebirth' && m.value === true);
          if (rebirth) encoder.online(name, targetFor(client));
        } catch {
          // A command that does not decode is not ours to act on.
        }
      });
      await client.subscribeAsync(ncmd);
    }
  }

  const networkRng = new Rng(deriveSeed(opts.seed, 'network'));
  let nextDropAt = start + networkRng.between(30_000, 120_000);
  const maybeDropConnection = (): void => {
    if (!flaky || sim.now < nextDropAt) return;
    nextDropAt = sim.now + networkRng.between(60_000, 240_000);
    const victim = networkRng.pick(sessions);
    // Destroying the socket is a network loss, not a clean disconnect: the broker sends the Will.
    if (victim.client.connected) victim.client.stream.destroy();
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const step = (to: number): void => {
    sim.advanceTo(Math.min(to, end));
    stats.simTime = sim.now;
    maybeDropConnection();
  };

  if (opts.speed === 'max') {
    void (async () => {
      while (!stopped && sim.now < end) {
        step(sim.now + MAX_SPEED_STEP_MS);
        if (pending > HIGH_WATER) await new Promise<void>((resolve) => drainWaiters.push(resolve));
        // Let the sockets write and the reconnects happen between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
        while (!stopped && sessions.some((s) => !s.client.connected)) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      finish();
    })();
  } else {
    const speed = opts.speed;
    let lastWall = Date.now();
    timer = setInterval(() => {
      const wall = Date.now();
      const elapsed = wall - lastWall;
      lastWall = wall;
      // Behind a slow broker, simulated time waits rather than queueing what it cannot send.
      if (pending > HIGH_WATER) return;
      step(sim.now + elapsed * speed);
      if (sim.now >= end) {
        clearInterval(timer);
        finish();
      }
    }, opts.tickMs ?? 100);
  }

  return {
    done,
    prefill,
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      finish();
      await Promise.all(
        sessions.map(async (s) => {
          // A clean disconnect sends no Will, so a Sparkplug node says its death itself.
          if (s.will && s.client.connected) await s.client.publishAsync(s.will.topic, Buffer.from(s.will.payload), { qos: s.will.qos, retain: s.will.retain });
          await s.client.endAsync();
        }),
      );
    },
  };
}
