import { ManualClock } from '../src-main/core/clock';
import { decodeSparkplugPayload } from '../src-main/core/decode/sparkplug-codec';
import { SparkplugDecoder } from '../src-main/core/decode/sparkplug-decoder';
import { Engine } from '../src-main/core/engine';
import type { RawMessage } from '../src-main/core/raw-message';
import { compare, round, type BenchFigure, type BenchGroup } from './figure';
import { sparkplugStream, tirePlant, unsMessages, type BenchMessage } from './payloads';

const N = 200_000;
const ROUNDS = 6;

const raw = (m: BenchMessage, i: number): RawMessage => ({ topic: m.topic, payload: m.payload, receivedAt: 1_700_000_000_000 + i, retain: false, qos: 0 });

function figure(bench: string, baselineName: string, t: { baselineMs: number; measuredMs: number }, engine: Engine): BenchFigure {
  return {
    bench,
    messages: N,
    msgsPerSec: round((N / t.measuredMs) * 1000),
    baselineMsgsPerSec: round((N / t.baselineMs) * 1000),
    ratio: round(t.baselineMs / t.measuredMs, 3),
    baseline: baselineName,
    decodeErrors: engine.counters.decodeErrors,
  };
}

/**
 * Decode + reduce through the whole engine (decode, plant state, alarms, KPIs), one core,
 * against the least any consumer must do with the same bytes.
 */
const pipeline: BenchGroup = async (report) => {
  const plant = tirePlant();
  const clock = new ManualClock(1_700_000_000_000);
  let sink = 0;

  const uns = unsMessages(plant, N).map(raw);
  const utf8 = new TextDecoder();
  const engine = new Engine({ plant, clock });
  const unsTimes = compare(
    ROUNDS,
    () => {
      for (const m of uns) sink += (JSON.parse(utf8.decode(m.payload)) as { ts: number }).ts;
    },
    () => {
      for (const m of uns) engine.ingest(m);
    },
  );
  report(figure('decode-reduce-uns', 'TextDecoder + JSON.parse per payload', unsTimes, engine));

  const sp = sparkplugStream(plant, N);
  const births = sp.births.map(raw);
  const data = sp.data.map(raw);
  const spEngine = new Engine({ plant, clock, families: [new SparkplugDecoder(plant)] });
  const spTimes = compare(
    ROUNDS,
    () => {
      for (const m of data) sink += decodeSparkplugPayload(m.payload).metrics?.length ?? 0;
    },
    () => {
      // Births again each round: they reset seq, so the same DATA stream is in order every time.
      for (const m of births) spEngine.ingest(m);
      for (const m of data) spEngine.ingest(m);
    },
  );
  report(figure('decode-reduce-sparkplug', 'sparkplug-payload decodePayload per payload', spTimes, spEngine));
  if (sink === 0) throw new Error('baseline loops did no work');
};

export default pipeline;
