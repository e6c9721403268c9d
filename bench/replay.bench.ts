import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { McapIndexedReader } from '@mcap/core';
import { ManualClock } from '../src-main/core/clock';
import type { RecordedItem } from '../src-main/core/replay/recorded-item';
import { RecordingSource } from '../src-main/core/replay/recording-source';
import { ReplayPlayer } from '../src-main/core/replay/replay-player';
import type { PlantFile } from '../src-main/shared/plant-schema';
import { PlantSimulator } from '../src-main/sim/plant-simulator';
import { UnsEncoder } from '../src-main/sim/uns-encoder';
import { engineFor, writeTestRecording } from '../test/support/mcap-test-writer';
import { round, type BenchGroup } from './figure';
import { demoPlant, unsMessages } from './payloads';

const HOUR = 3_600_000;
const START = Date.parse('2025-03-03T06:30:00+08:00');
/** Shorter runs for a quick look: LINETWIN_BENCH_REPLAY_HOURS=2. */
const SOAK_HOURS = Number(process.env.LINETWIN_BENCH_REPLAY_HOURS ?? 24);
const LOAD_HOURS = Math.min(2, SOAK_HOURS);
const LOAD_RATE = 5000;
const KEYFRAME_MS = 60_000;
/** At 5 k msg/s a minute is 300 k messages to replay after a keyframe: the recorder keyframes by count too. */
const LOAD_KEYFRAME_MS = 5_000;
const SEEKS = 60;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** The simulated tire plant through UNS JSON, as the recorder would see it, one simulated second at a time. */
function* tireSession(plant: PlantFile, hours: number): Generator<RecordedItem> {
  const encoder = new UnsEncoder(plant);
  const pending: RecordedItem[] = [];
  let now = START;
  encoder.online('uns', { publish: (topic, payload) => void pending.push({ kind: 'message', at: Math.round(now), topic, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload }) });
  const sim = new PlantSimulator(plant, { emit: (r) => ((now = Math.max(now, r.ts)), encoder.emit(r)) }, { seed: 1, start: START, randomFaults: true, service: true, calendar: true });
  yield { kind: 'status', at: START, info: { kind: 'live', connected: true, connection: 'connected', url: 'mqtt://bench' } };
  sim.begin();
  for (let t = START + 1000; t <= START + hours * HOUR; t += 1000) {
    sim.advanceTo(t);
    now = t;
    pending.sort((a, b) => a.at - b.at);
    yield* pending;
    pending.length = 0;
  }
}

/** The bench stream at 5 k msg/s. */
function* loadSession(plant: PlantFile, hours: number): Generator<RecordedItem> {
  const stream = unsMessages(plant, 200_000);
  const total = LOAD_RATE * 3600 * hours;
  for (let i = 0; i < total; i += 1) {
    const m = stream[i % stream.length] as (typeof stream)[number];
    yield { kind: 'message', at: START + Math.floor((i * 1000) / LOAD_RATE), topic: m.topic, payload: m.payload };
  }
}

async function indexedReadRate(dir: string): Promise<{ messages: number; ms: number }> {
  const t0 = performance.now();
  let messages = 0;
  for (const f of readdirSync(dir).sort()) {
    const fh = await open(join(dir, f), 'r');
    const size = (await fh.stat()).size;
    const reader = await McapIndexedReader.Initialize({
      readable: {
        size: async () => BigInt(size),
        read: async (offset, length) => {
          const buf = new Uint8Array(Number(length));
          await fh.read(buf, 0, buf.length, Number(offset));
          return buf;
        },
      },
    });
    for await (const _ of reader.readMessages()) messages += 1;
    await fh.close();
  }
  return { messages, ms: performance.now() - t0 };
}

/** Reading as a replay does (batches), timed apart from opening (which reads each segment's summary). */
async function sourceReadRate(dir: string): Promise<{ messages: number; ms: number; openMs: number }> {
  let t0 = performance.now();
  const src = await RecordingSource.open(dir);
  const openMs = performance.now() - t0;
  t0 = performance.now();
  let messages = 0;
  for await (const batch of src.batches(src.start, src.end, true)) messages += batch.length;
  return { messages, ms: performance.now() - t0, openMs };
}

async function seekTimes(plant: PlantFile, dir: string): Promise<{ p50: number; p95: number; max: number }> {
  const source = await RecordingSource.open(dir);
  const player = new ReplayPlayer({ source, engine: engineFor(plant), autoPump: false });
  await player.start();
  let s = 17;
  const times: number[] = [];
  for (let i = 0; i < SEEKS; i += 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const t = source.start + (s / 2 ** 31) * (source.end - source.start);
    const t0 = performance.now();
    await player.seek(t);
    times.push(performance.now() - t0);
  }
  await player.stop();
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { p50: round(at(0.5), 1), p95: round(at(0.95), 1), max: round(times[times.length - 1] ?? NaN, 1) };
}

/**
 * Replay figures, each beside its baseline in the same run: reading a recording (RecordingSource
 * against @mcap/core's indexed read alone), seek time in a 24 h tire-plant recording and in a 2 h
 * recording at 5 k msg/s, and the heap while a 24 h recording plays through at full speed.
 */
const replay: BenchGroup = async (report) => {
  const plant = demoPlant('tire-plant');
  const root = mkdtempSync(join(tmpdir(), 'linetwin-bench-replay-'));
  try {
    const soakDir = join(root, 'soak');
    let t0 = performance.now();
    const files = await writeTestRecording(plant, tireSession(plant, SOAK_HOURS), { dir: soakDir, segmentMs: 5 * 60_000, keyframeMs: KEYFRAME_MS, chunkSize: 1024 * 1024 });
    const writeMs = performance.now() - t0;

    const base = await indexedReadRate(soakDir);
    const ours = await sourceReadRate(soakDir);
    report({
      bench: 'replay-read-rate-tire',
      simulatedHours: SOAK_HOURS,
      segments: files.length,
      messages: ours.messages,
      msgsPerSecond: Math.round((ours.messages / ours.ms) * 1000),
      baselineMsgsPerSecond: Math.round((base.messages / base.ms) * 1000),
      baseline: '@mcap/core McapIndexedReader.readMessages alone (all records, keyframes included)',
      target: '>= 1000000 msg/s',
      openMs: round(ours.openMs),
      writeSeconds: round(writeMs / 1000, 1),
    });

    const soakSeek = await seekTimes(plant, soakDir);
    const soakSource = await RecordingSource.open(soakDir);
    const lastKeyframe = await soakSource.keyframeAtOrBefore(soakSource.end);
    report({
      bench: 'replay-seek-tire',
      simulatedHours: SOAK_HOURS,
      seeks: SEEKS,
      keyframeEveryS: KEYFRAME_MS / 1000,
      keyframeBytes: JSON.stringify(lastKeyframe?.engine ?? null).length,
      recordingBytes: soakSource.bytes,
      p50Ms: soakSeek.p50,
      p95Ms: soakSeek.p95,
      maxMs: soakSeek.max,
      target: 'p95 <= 100 ms',
    });

    {
      const source = await RecordingSource.open(soakDir);
      const wall = new ManualClock(0);
      const player = new ReplayPlayer({ source, engine: engineFor(plant), autoPump: false, wall });
      await player.start();
      await player.play('max');
      const heap: number[] = [];
      let nextHour = source.start + HOUR;
      t0 = performance.now();
      while (player.status().playing) {
        await player.pump();
        if (player.position >= nextHour) {
          heap.push(heapMb());
          nextHour += HOUR;
        }
      }
      const playMs = performance.now() - t0;
      await player.stop();
      const first = heap[0] ?? 0;
      const last = heap[heap.length - 1] ?? 0;
      report({
        bench: 'replay-heap-tire',
        simulatedHours: SOAK_HOURS,
        heapMb: round(last, 1),
        peakHeapMb: round(Math.max(...heap), 1),
        growthAfterFirstHourMb: round(last - first, 1),
        baselineHeapMb: round(first, 1),
        baseline: 'heap after the first replayed hour (after GC)',
        replaySpeedX: Math.round((source.end - source.start) / playMs),
        target: '<= 300 MB and flat',
      });
    }
    rmSync(soakDir, { recursive: true, force: true });

    const loadDir = join(root, 'load');
    t0 = performance.now();
    await writeTestRecording(plant, loadSession(plant, LOAD_HOURS), { dir: loadDir, segmentMs: 5 * 60_000, keyframeMs: LOAD_KEYFRAME_MS, chunkSize: 4 * 1024 * 1024 });
    const loadWriteMs = performance.now() - t0;
    const loadRead = await sourceReadRate(loadDir);
    const loadSeek = await seekTimes(plant, loadDir);
    report({
      bench: 'replay-seek-5k',
      msgsPerSimulatedSecond: LOAD_RATE,
      simulatedHours: LOAD_HOURS,
      messages: loadRead.messages,
      keyframeEveryS: LOAD_KEYFRAME_MS / 1000,
      seeks: SEEKS,
      p50Ms: loadSeek.p50,
      p95Ms: loadSeek.p95,
      maxMs: loadSeek.max,
      target: 'p95 <= 250 ms',
      msgsPerSecond: Math.round((loadRead.messages / loadRead.ms) * 1000),
      writeSeconds: round(loadWriteMs / 1000, 1),
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

export default replay;
