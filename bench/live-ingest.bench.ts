import { BENCH_DIR, ROOT } from './root';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { SystemClock } from '../src-main/core/clock';
import { Engine } from '../src-main/core/engine';
import { LivePlayer } from '../src-main/core/player';
import { ingestWorkerFile } from '../src-main/host/ingest-worker-file';
import { hasMosquitto, startMosquitto, waitFor } from '../test/support/brokers';
import { round, type BenchGroup } from './figure';
import { tirePlant } from './payloads';

export const N = 300_000;

export interface Receiver {
  received(): number;
  firstAt: number;
  lastAt: number;
}

/**
 * Publishes the stream from a child process, paced to `rate` msg/s (0: as fast as it can), and
 * waits until `rx` has seen the end marker or gone quiet. Returns the rate the publisher kept.
 */
export async function stream(url: string, rate: number, rx: Receiver, ended: () => boolean): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'live-publisher.ts'), url, String(N), String(Math.round(rate))], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`)))));
  let last = -1;
  let quietSince = performance.now();
  await waitFor(
    'the stream',
    () => {
      if (ended()) return true;
      const n = rx.received();
      if (n !== last) {
        last = n;
        quietSince = performance.now();
      }
      return n > 0 && performance.now() - quietSince > 3000;
    },
    90_000,
  );
  await exited;
  return (JSON.parse(out) as { sentMsgsPerSec: number }).sentMsgsPerSec;
}

export const rate = (rx: Receiver): number => (rx.received() > 1 ? (rx.received() / (rx.lastAt - rx.firstAt)) * 1000 : 0);

/**
 * Live ingest through mosquitto: a bare MQTT.js client receives the stream as fast as the
 * publisher sends it, then the engine behind LivePlayer receives it paced to the rate the bare
 * client reached. `sentMsgsPerSec` is what the publisher kept: on a machine with few cores the
 * engine's threads take CPU from the publisher and broker, which then send slower.
 */
const liveIngest: BenchGroup = async (report) => {
  if (!hasMosquitto) {
    report({ bench: 'live-ingest-mosquitto', skipped: 'no /usr/sbin/mosquitto' });
    return;
  }
  const broker = await startMosquitto();
  try {
    const plant = tirePlant();
    const engine = new Engine({ plant, clock: new SystemClock() });
    const topics = [...engine.subscriptions, 'bench/end'];

    let bareCount = 0;
    let bareEnded = false;
    const bare: Receiver = { received: () => bareCount, firstAt: 0, lastAt: 0 };
    const client = await mqtt.connectAsync(broker.url, { clientId: 'linetwin-bench-bare' });
    client.on('message', (topic) => {
      if (topic === 'bench/end') {
        bareEnded = true;
        return;
      }
      const t = performance.now();
      if (bareCount === 0) bare.firstAt = t;
      bare.lastAt = t;
      bareCount += 1;
    });
    await client.subscribeAsync(topics, { qos: 1 });
    const bareSent = await stream(broker.url, 0, bare, () => bareEnded);
    await client.endAsync();

    const ingest: Receiver = { received: () => engine.counters.messages, firstAt: 0, lastAt: 0 };
    let engineEnded = false;
    const player = new LivePlayer(engine, { urls: [broker.url], protocolVersion: 4, clientId: 'linetwin-bench-engine' }, ingestWorkerFile(join(ROOT, 'out', 'main')));
    const origIngest = engine.ingest.bind(engine);
    engine.ingest = (msg) => {
      if (msg.topic === 'bench/end') {
        engineEnded = true;
        return;
      }
      const t = performance.now();
      if (engine.counters.messages === 0) ingest.firstAt = t;
      ingest.lastAt = t;
      origIngest(msg);
    };
    await player.start();
    await waitFor('engine connected', () => engine.health().source.connected, 10_000);
    const ticker = setInterval(() => engine.tick(), 33);
    const sent = await stream(broker.url, rate(bare), ingest, () => engineEnded);
    clearInterval(ticker);
    await player.stop();

    const stats = engine.health().stats;
    report({
      bench: 'live-ingest-mosquitto',
      sent: N,
      msgsPerSec: round(rate(ingest)),
      received: ingest.received(),
      sentMsgsPerSec: round(sent),
      lost: N - ingest.received(),
      droppedInBacklog: stats.droppedByBuffer['ingest-backlog'] ?? 0,
      baselineMsgsPerSec: round(rate(bare)),
      baselineReceived: bareCount,
      baselineSentMsgsPerSec: round(bareSent),
      ratio: round(rate(ingest) / rate(bare), 3),
      decodeErrors: stats.decodeErrors,
      baseline: 'bare MQTT.js client counting messages, same broker and stream',
    });
  } finally {
    await broker.stop();
  }
};

export default liveIngest;
