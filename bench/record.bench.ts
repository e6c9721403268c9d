import { ROOT } from './root';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, SystemClock } from '../src-main/core/clock';
import { Engine } from '../src-main/core/engine';
import { LivePlayer } from '../src-main/core/player';
import { loadZstd } from '../src-main/core/record/chunk-compression';
import { FlightRecorder } from '../src-main/core/record/flight-recorder';
import { ingestWorkerFile } from '../src-main/host/ingest-worker-file';
import { hasMosquitto, startMosquitto, waitFor } from '../test/support/brokers';
import { round, type BenchFigure, type BenchGroup } from './figure';
import { N, rate, stream, type Receiver } from './live-ingest.bench';
import { tirePlant, unsMessages, type BenchMessage } from './payloads';
import type { PlantFile } from '../src-main/shared/plant-schema';
import type { ChunkCompression } from '../src-main/core/record/chunk-compression';


interface IngestRun {
  msgsPerSec: number;
  received: number;
  sentMsgsPerSec: number;
  droppedInBacklog: number;
}

/** One live run: the engine behind LivePlayer takes the publisher's stream through mosquitto, with or without a recorder tapping it. */
async function ingestRun(url: string, pace: number, recorder: FlightRecorder | undefined, clientId: string): Promise<IngestRun> {
  const engine = new Engine({ plant: tirePlant(), clock: new SystemClock() });
  const rx: Receiver = { received: () => engine.counters.messages, firstAt: 0, lastAt: 0 };
  let ended = false;
  const player = new LivePlayer(engine, { urls: [url], protocolVersion: 4, clientId }, ingestWorkerFile(join(ROOT, 'out', 'main')), 'live', recorder);
  const origIngest = engine.ingest.bind(engine);
  engine.ingest = (msg) => {
    if (msg.topic === 'bench/end') {
      ended = true;
      return;
    }
    const t = performance.now();
    if (engine.counters.messages === 0) rx.firstAt = t;
    rx.lastAt = t;
    origIngest(msg);
  };
  await player.start();
  await waitFor('engine connected', () => engine.health().source.connected, 10_000);
  const ticker = setInterval(() => engine.tick(), 33);
  const sent = await stream(url, pace, rx, () => ended);
  clearInterval(ticker);
  await player.stop();
  return { msgsPerSec: rate(rx), received: rx.received(), sentMsgsPerSec: sent, droppedInBacklog: engine.health().stats.droppedByBuffer['ingest-backlog'] ?? 0 };
}

/** Messages per batch in the in-process run: the writer gets its turn between batches, as between socket reads. */
const BATCH = 5000;

/**
 * The recorder's CPU on the pipeline's thread, without a broker's noise: the engine ingesting the
 * stream with and without the recorder tapping it (writes included), alternating rounds, best of each.
 */
async function pipelineOverhead(plant: PlantFile, messages: BenchMessage[], dir: string, compression: ChunkCompression | undefined): Promise<BenchFigure> {
  let offMs = Infinity;
  let onMs = Infinity;
  for (let round = 0; round < PIPELINE_ROUNDS; round += 1) {
    for (const withRecorder of [false, true]) {
      const clock = new ManualClock(1_700_000_000_000);
      const engine = new Engine({ plant, clock });
      const recorder = withRecorder ? new FlightRecorder({ root: join(dir, String(round)), plant, source: 'live', url: 'bench', start: clock.now(), clock, library: 'linetwin bench', compression }) : undefined;
      const t0 = performance.now();
      for (let i = 0; i < messages.length; i += BATCH) {
        for (let k = i; k < Math.min(i + BATCH, messages.length); k += 1) {
          const m = messages[k] as BenchMessage;
          clock.set(1_700_000_000_000 + k);
          const msg = { topic: m.topic, payload: m.payload, receivedAt: clock.now(), retain: false, qos: 0 as const };
          recorder?.message(msg);
          engine.ingest(msg);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await recorder?.close();
      const ms = performance.now() - t0;
      if (withRecorder) onMs = Math.min(onMs, ms);
      else offMs = Math.min(offMs, ms);
    }
  }
  return {
    bench: 'record-overhead-pipeline',
    messages: messages.length,
    msgsPerSec: round((messages.length / onMs) * 1000),
    baselineMsgsPerSec: round((messages.length / offMs) * 1000),
    ratio: round(offMs / onMs, 3),
    compression: compression?.name ?? 'none',
    baseline: `the engine ingesting the same stream without the recorder, one thread (best of ${PIPELINE_ROUNDS} alternating rounds each)`,
  };
}

const PIPELINE_ROUNDS = 3;

/** Rounds of each live run (recorder off, on). */
const ROUNDS = 2;

/**
 * The flight recorder's cost on live ingest: the same stream through mosquitto, as fast as the
 * publisher sends it, into the engine with the recorder off and on; and the recorder alone: write rate and bytes per message against
 * writing the raw payloads to a file.
 */
const record: BenchGroup = async (report) => {
  const dir = await mkdtemp(join(tmpdir(), 'linetwin-bench-rec-'));
  const compression = await loadZstd();
  const plant = tirePlant();
  try {
    if (!hasMosquitto) report({ bench: 'record-overhead-mosquitto', skipped: 'no /usr/sbin/mosquitto' });
    else {
      const broker = await startMosquitto();
      try {
        // Alternating rounds, each side's best kept: a busy moment on a shared machine favours neither.
        let off: IngestRun | undefined;
        let on: IngestRun | undefined;
        let recorder: FlightRecorder | undefined;
        for (let round = 0; round < ROUNDS; round += 1) {
          const o = await ingestRun(broker.url, 0, undefined, 'linetwin-bench-rec-off');
          if (!off || o.msgsPerSec > off.msgsPerSec) off = o;
          const r = new FlightRecorder({ root: join(dir, `live-${round}`), plant, source: 'live', url: broker.url, start: Date.now(), clock: new SystemClock(), library: 'linetwin bench', compression });
          const w = await ingestRun(broker.url, 0, r, 'linetwin-bench-rec-on');
          await r.close();
          if (!on || w.msgsPerSec > on.msgsPerSec) [on, recorder] = [w, r];
        }
        if (!off || !on || !recorder) throw new Error('no rounds run');
        const st = recorder.status();
        report({
          bench: 'record-overhead-mosquitto',
          sent: N,
          msgsPerSec: round(on.msgsPerSec),
          received: on.received,
          lost: N - on.received,
          droppedInBacklog: on.droppedInBacklog,
          recorderDropped: st.droppedMessages,
          recordedBytes: st.bytes,
          baselineMsgsPerSec: round(off.msgsPerSec),
          baselineReceived: off.received,
          baselineLost: N - off.received,
          ratio: round(on.msgsPerSec / off.msgsPerSec, 3),
          compression: st.compression || 'none',
          baseline: `the same engine and stream with the recorder off, same broker, same run (best of ${ROUNDS} alternating rounds each)`,
        });
      } finally {
        await broker.stop();
      }
    }

    const messages = unsMessages(plant, N);
    report(await pipelineOverhead(plant, messages, join(dir, 'pipeline'), compression));
    const rawBytes = messages.reduce((n, m) => n + m.payload.byteLength + m.topic.length, 0);
    const rawFile = join(dir, 'raw.bin');
    const t0 = performance.now();
    await writeFile(rawFile, Buffer.concat(messages.map((m) => m.payload)));
    const rawMs = performance.now() - t0;
    const clock = new ManualClock(1_700_000_000_000);
    const recorder = new FlightRecorder({ root: join(dir, 'alone'), plant, source: 'sim', url: 'bench', start: clock.now(), clock, library: 'linetwin bench', compression });
    const t1 = performance.now();
    for (let i = 0; i < messages.length; i += BATCH) {
      for (let k = i; k < Math.min(i + BATCH, messages.length); k += 1) {
        const m = messages[k] as { topic: string; payload: Uint8Array };
        clock.set(1_700_000_000_000 + k);
        recorder.message({ topic: m.topic, payload: m.payload, receivedAt: clock.now(), retain: false, qos: 0 });
      }
      await recorder.drain();
    }
    await recorder.close();
    const writeMs = performance.now() - t1;
    const st = recorder.status();
    report({
      bench: 'record-write',
      messages: N,
      msgsPerSec: round((N / writeMs) * 1000),
      mbPerSec: round(st.bytes / 1e6 / (writeMs / 1000), 1),
      bytesPerMessage: round(st.bytes / N, 1),
      rawBytesPerMessage: round(rawBytes / N, 1),
      dropped: st.droppedMessages,
      compression: st.compression || 'none',
      baselineMsgsPerSec: round((N / rawMs) * 1000),
      baseline: 'the raw payloads written to one file in one call (no framing, no index)',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default record;
