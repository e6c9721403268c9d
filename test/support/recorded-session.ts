import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { SourceInfo } from '../../src-main/shared/views';
import type { RecordedItem } from '../../src-main/core/replay/recorded-item';
import { PlantSimulator } from '../../src-main/sim/plant-simulator';
import { applyScenario, type ScenarioName } from '../../src-main/sim/scenarios';
import type { SessionEncoder } from '../../src-main/sim/session-encoder';
import { SparkplugEncoder } from '../../src-main/sim/sparkplug-encoder';
import { UnsEncoder } from '../../src-main/sim/uns-encoder';

export interface SessionOptions {
  format: 'uns' | 'sparkplug';
  start: number;
  minutes: number;
  seed?: number;
  scenario?: ScenarioName;
  /** The broker connection lost at this minute for `lossMinutes` (a Sparkplug node's Will is its NDEATH). */
  lossAt?: number;
  lossMinutes?: number;
  /** An operator acknowledges everything this often (minutes). */
  ackEveryMinutes?: number;
  /** Network faults: every n-th message lost, and every m-th delivered after the one behind it (Sparkplug seq gaps and reorders). */
  loseEvery?: number;
  swapEvery?: number;
}

/** What the live receive path adds to a message's own time. */
const RECEIVE_LATENCY_MS = 5;

const status = (connected: boolean, connection: SourceInfo['connection']): SourceInfo => ({ kind: 'live', connected, connection, url: 'mqtt://plant-broker:1883' });

/**
 * A live session as the flight recorder saw it, made by the simulator: every message with the
 * receive stamp the engine used, the source status changes (a broker loss, a Sparkplug node's
 * Will) and operator actions, in log-time order.
 */
export function recordedSession(plant: PlantFile, opts: SessionOptions): RecordedItem[] {
  const items: RecordedItem[] = [];
  const encoder: SessionEncoder = opts.format === 'uns' ? new UnsEncoder(plant) : new SparkplugEncoder(plant);
  let now = opts.start;
  const target = {
    publish(topic: string, payload: Uint8Array | string) {
      items.push({ kind: 'message', at: Math.round(now) + RECEIVE_LATENCY_MS, topic, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload });
    },
  };
  const sim = new PlantSimulator(plant, { emit: (r) => ((now = Math.max(now, r.ts)), encoder.emit(r)) }, { seed: opts.seed ?? 3, start: opts.start });
  items.push({ kind: 'status', at: opts.start, info: status(true, 'connected') });
  // The broker keeps the Will a session connected with and sends it when the connection is lost.
  const wills = new Map<string, ReturnType<SessionEncoder['will']>>();
  const connect = (): void => {
    for (const name of encoder.sessions) {
      wills.set(name, encoder.will(name));
      encoder.online(name, target);
    }
  };
  connect();
  applyScenario(sim, opts.scenario ?? 'fault-cascade');
  sim.begin();
  const end = opts.start + opts.minutes * 60_000;
  const lossFrom = opts.lossAt === undefined ? Infinity : opts.start + opts.lossAt * 60_000;
  const lossTo = lossFrom + (opts.lossMinutes ?? 2) * 60_000;
  const ackEvery = (opts.ackEveryMinutes ?? 20) * 60_000;
  for (let t = opts.start + 1000; t <= end; t += 1000) {
    if (t === lossFrom) {
      items.push({ kind: 'status', at: t, info: status(false, 'reconnecting') });
      for (const name of encoder.sessions) {
        const will = wills.get(name);
        if (will) items.push({ kind: 'message', at: t + 1, topic: will.topic, payload: will.payload });
        encoder.offline(name);
      }
    }
    if (t === lossTo) {
      now = t;
      items.push({ kind: 'status', at: t, info: status(true, 'connected') });
      connect();
    }
    sim.advanceTo(t);
    now = t;
    if ((t - opts.start) % ackEvery === 0) items.push({ kind: 'action', at: t + 500, action: { kind: 'ackAll', by: 'op', at: t + 500 } });
  }
  return networkFaults(items, opts).sort((a, b) => a.at - b.at);
}

function networkFaults(items: RecordedItem[], opts: SessionOptions): RecordedItem[] {
  const out: RecordedItem[] = [];
  let n = 0;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as RecordedItem;
    if (item.kind !== 'message') {
      out.push(item);
      continue;
    }
    n += 1;
    if (opts.loseEvery && n % opts.loseEvery === 0) continue;
    const next = items[i + 1];
    if (opts.swapEvery && n % opts.swapEvery === 0 && next?.kind === 'message') {
      out.push({ ...next, at: item.at }, { ...item, at: next.at });
      i += 1;
      continue;
    }
    out.push(item);
  }
  return out;
}
