import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ManualClock } from '../src-main/core/clock';
import type { ItemEvent } from '../src-main/core/decode/item-event';
import { Engine } from '../src-main/core/engine';
import type { RawMessage } from '../src-main/core/raw-message';
import { TraceStore } from '../src-main/core/trace/trace-store';
import { traceWorkerFile } from '../src-main/host/trace-worker-file';
import type { PlantFile } from '../src-main/shared/plant-schema';
import { PlantSimulator } from '../src-main/sim/plant-simulator';
import { UnsEncoder } from '../src-main/sim/uns-encoder';
import { ROOT } from './root';
import { round, type BenchFigure, type BenchGroup } from './figure';
import { tirePlant } from './payloads';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2025-03-03T06:30:00+08:00');
/** 90 days of the tire plant (~250 k tires, ~4 M item events); `TRACE_BENCH_DAYS` makes it shorter on a slow machine. */
const DAYS = Number(process.env.TRACE_BENCH_DAYS ?? 90);
const TIRES_PER_DAY = 2800;
const QUERIES = 200;
const BASELINE_QUERIES = 5;
const INGEST_HOURS = 6;
/** Even, so each order (with first, without first) runs as often. */
const INGEST_ROUNDS = 4;
/** The writer's live flush period. */
const FLUSH_MS = 500;
const WORKER = traceWorkerFile(join(ROOT, 'out', 'main'));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] as number;

/** The simulator's messages for `hours` of the tire plant, as the broker would deliver them. */
function simulatedMessages(plant: PlantFile, hours: number): RawMessage[] {
  const encoder = new UnsEncoder(plant);
  const out: RawMessage[] = [];
  const sim = new PlantSimulator(plant, encoder, { seed: 9, start: START });
  encoder.online('uns', { publish: (topic, payload) => void out.push({ topic, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload, receivedAt: 0, retain: false, qos: 0 }) });
  sim.begin();
  sim.advanceTo(START + hours * HOUR);
  return out;
}

/**
 * The tire plant's genealogy as the simulator shapes it, generated straight: a compound batch per
 * 12 tires with its tread, ply, bead and belt lots; each tire built, cured, inspected twice,
 * carried and stored. Events in time order, as a live plant sends them.
 */
function* syntheticEvents(plant: PlantFile, days: number): Generator<ItemEvent> {
  const ids = (type: string): string[] => plant.lines.flatMap((l) => l.stations.filter((s) => s.type === type).map((s) => s.id));
  const [builders, presses, uniformity, xray, agvs, warehouse] = ['tire-builder', 'curing-press', 'uniformity', 'xray', 'agv', 'warehouse'].map(ids) as string[][];
  const pick = (list: string[] | undefined, n: number): string => (list as string[])[n % (list as string[]).length] as string;
  const gap = DAY / TIRES_PER_DAY;
  let lots: string[] = [];
  for (let n = 0; n < days * TIRES_PER_DAY; n += 1) {
    const t = START + n * gap;
    const ev = (line: string, station: string, ts: number, item: string, event: ItemEvent['event'], more: Partial<ItemEvent> = {}): ItemEvent => ({ kind: 'item', line, station, ts, item, event, ...more });
    if (n % 12 === 0) {
      const b = Math.floor(n / 12);
      const batch = `CB-${b}`;
      yield ev('mixing', 'MX-01', t - HOUR, batch, 'produce', { productKind: 'compound-batch' });
      lots = ['TR', 'PL', 'BD', 'BT'].map((k) => `${k}-${b}`);
      for (const lot of lots) {
        yield ev('components', 'EX-T1', t - HOUR / 2, lot, 'produce', { productKind: lot.slice(0, 2) });
        yield ev('components', 'EX-T1', t - HOUR / 2, lot, 'consume', { parts: [batch] });
      }
    }
    const tire = `E28011${n.toString(16).toUpperCase().padStart(18, '0')}`;
    const route: Array<[string, string, number]> = [
      ['building', pick(builders, n), 60_000],
      ['curing', pick(presses, n), 12 * 60_000],
      ['finishing', pick(uniformity, n), 60_000],
      ['finishing', pick(xray, n), 60_000],
      ['finishing', pick(agvs, n), 120_000],
      ['finishing', pick(warehouse, n), 60_000],
    ];
    let at = t;
    for (const [line, station, stay] of route) {
      yield ev(line, station, at, tire, 'enter');
      if (station === route[0]?.[1]) {
        yield ev(line, station, at, tire, 'produce', { productKind: 'green-tire' });
        yield ev(line, station, at, tire, 'consume', { parts: lots });
      }
      if (station === route[2]?.[1] || station === route[3]?.[1]) yield ev(line, station, at + stay - 1000, tire, 'test', { verdict: n % 97 === 0 ? 'fail' : 'pass', values: { rfvN: 50 + (n % 30), grade: 1 } });
      if (station === route[5]?.[1]) yield ev(line, station, at, tire, 'store', { location: `AS-${n % 400}` });
      yield ev(line, station, at + stay, tire, 'leave');
      at += stay + 30_000;
    }
  }
}

/** Time to ingest `messages` into a fresh engine of `plant`; with a store, until its writer has written all of it. */
async function ingestOnce(plant: PlantFile, messages: RawMessage[], storeFile?: string): Promise<{ threadMs: number; drainedMs: number }> {
  const engine = new Engine({ plant, clock: new ManualClock(START) });
  const store = storeFile ? await TraceStore.open({ workerFile: WORKER, location: storeFile, plant, clock: engine.clock, flushEveryMs: FLUSH_MS, maxQueue: 2 * messages.length }) : undefined;
  if (store) engine.onEvent((e) => store.offer(e));
  const t0 = performance.now();
  for (const m of messages) engine.ingest(m);
  const threadMs = performance.now() - t0;
  await store?.flush();
  const drainedMs = performance.now() - t0;
  if (store && store.health().dropped > 0) throw new Error('the bench dropped genealogy');
  await store?.close();
  return { threadMs, drainedMs };
}

/**
 * Ingest of the simulator's tire plant with the store fed vs without it: the same messages, in
 * alternating rounds (which goes first alternates too), fastest of each. `ratio` is the rate with
 * the store until its writer thread has written everything, against the rate without (the rate it
 * can sustain); `threadRatio` counts only the ingest thread's time.
 */
async function ingestFigure(plant: PlantFile, dir: string, report: (f: BenchFigure) => void): Promise<void> {
  const messages = simulatedMessages(plant, INGEST_HOURS);
  let withoutMs = Infinity;
  let threadMs = Infinity;
  let drainedMs = Infinity;
  const rounds: number[] = [];
  for (let r = 0; r < INGEST_ROUNDS; r += 1) {
    const order = r % 2 === 0 ? [false, true] : [true, false];
    let without = 0;
    let drained = 0;
    for (const traced of order) {
      const t = await ingestOnce(plant, messages, traced ? join(dir, `ingest-${r}.sqlite`) : undefined);
      if (traced) {
        threadMs = Math.min(threadMs, t.threadMs);
        drainedMs = Math.min(drainedMs, t.drainedMs);
        drained = t.drainedMs;
      } else {
        withoutMs = Math.min(withoutMs, t.drainedMs);
        without = t.drainedMs;
      }
    }
    rounds.push(round(without / drained, 3));
  }
  const rate = (ms: number): number => round((messages.length / ms) * 1000);
  report({
    bench: 'trace-ingest',
    messages: messages.length,
    simulatedHours: INGEST_HOURS,
    withMsgsPerSec: rate(drainedMs),
    withoutMsgsPerSec: rate(withoutMs),
    ratio: round(withoutMs / drainedMs, 3),
    roundRatios: rounds.join(' '),
    threadRatio: round(withoutMs / threadMs, 3),
    target: 0.85,
    // The writer thread needs a core of its own: on a machine busy with other work the ratio says as much about the load as about the store.
    loadAverage: round(loadavg()[0] ?? 0, 2),
    cores: availableParallelism(),
  });
}

/**
 * Traceability costs and speeds:
 * - ingest of the simulator's tire plant with the genealogy store fed (flushed as it runs) vs
 *   the same engine without it, same messages, alternating rounds;
 * - item, lot and station queries p95 over 90 simulated days, against the same lookup as a full
 *   scan of the event file (JSON lines), the baseline;
 * - store bytes per tire, and the heap as the store grows (it must stay flat: nothing kept per item).
 */
const trace: BenchGroup = async (report) => {
  const plant = tirePlant();
  const dir = mkdtempSync(join(tmpdir(), 'linetwin-trace-bench-'));
  try {
    await ingestFigure(plant, dir, report);

    const clock = new ManualClock(START + DAYS * DAY);
    const file = join(dir, 'genealogy.sqlite');
    const eventFile = join(dir, 'events.jsonl');
    writeFileSync(eventFile, '');
    const store = await TraceStore.open({ workerFile: WORKER, location: file, plant, clock, flushEveryMs: 60_000, maxQueue: 1_000_000, retentionMs: (DAYS + 1) * DAY });
    const heap: number[] = [];
    const total = DAYS * TIRES_PER_DAY;
    let events = 0;
    let lines: string[] = [];
    const t0 = performance.now();
    for (const e of syntheticEvents(plant, DAYS)) {
      store.offer(e);
      lines.push(JSON.stringify(e));
      events += 1;
      if (events % 20_000 === 0) {
        await store.flush();
        appendFileSync(eventFile, `${lines.join('\n')}\n`);
        lines = [];
        if (events % 1_000_000 === 0) heap.push(round(heapMb(), 1));
      }
    }
    await store.flush();
    appendFileSync(eventFile, `${lines.join('\n')}\n`);
    heap.push(round(heapMb(), 1));
    const buildS = (performance.now() - t0) / 1000;
    const bytes = statSync(file).size;
    report({ bench: 'trace-store-size', days: DAYS, tires: total, events, bytes, bytesPerTire: round(bytes / total), eventFileBytes: statSync(eventFile).size, buildSeconds: round(buildS, 1), dropped: store.health().dropped });
    report({ bench: 'trace-heap', days: DAYS, heapMbPerMillionEvents: heap.join(' '), growthMbAfterFirstMillion: round((heap.at(-1) ?? 0) - (heap[0] ?? 0), 1) });

    const q = store.queries;
    const tireId = (n: number): string => `E28011${n.toString(16).toUpperCase().padStart(18, '0')}`;
    const time = async (run: (i: number) => Promise<unknown>): Promise<number> => {
      const ms: number[] = [];
      for (let i = 0; i < QUERIES; i += 1) {
        const s = performance.now();
        await run(i);
        ms.push(performance.now() - s);
      }
      return round(p95(ms), 2);
    };
    const stride = Math.floor(total / QUERIES);
    const itemMs = await time((i) => q.itemCard(tireId(i * stride + 7)));
    const lotMs = await time((i) => q.lotView(`CB-${Math.floor((i * stride) / 12)}`));
    const presses = plant.lines.flatMap((l) => l.stations.filter((s) => s.type === 'curing-press').map((s) => s.id));
    const stationMs = await time((i) => q.stationItems(presses[i % presses.length] as string, START + (i % DAYS) * DAY, START + (i % DAYS) * DAY + 8 * HOUR));

    // Baseline: the item lookup as a scan of the event file.
    const scan: number[] = [];
    for (let i = 0; i < BASELINE_QUERIES; i += 1) {
      const id = tireId(i * Math.floor(total / BASELINE_QUERIES) + 7);
      const s = performance.now();
      let found = 0;
      for await (const line of createInterface({ input: createReadStream(eventFile) })) if (line.includes(id)) found += 1;
      if (found === 0) throw new Error('baseline scan found nothing');
      scan.push(performance.now() - s);
    }
    report({ bench: 'trace-query', days: DAYS, tires: total, itemP95Ms: itemMs, lotP95Ms: lotMs, stationP95Ms: stationMs, target: 50, baselineScanP95Ms: round(p95(scan), 1), baseline: 'item lookup as a full scan of the JSON-lines event file' });
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default trace;
