import { SystemClock } from '../src-main/core/clock';
import { Engine } from '../src-main/core/engine';
import { FramePublisher, MAX_FRAME_HZ } from '../src-main/core/frame-publisher';
import type { Frame } from '../src-main/shared/views';
import { round, type BenchGroup } from './figure';
import { demoPlant, unsMessages, type DemoPlantName } from './payloads';

const RUN_MS = 3000;
const CHUNK = 1000;
const BUDGET_FRAME_BYTES = 64 * 1024;
const PLANTS: DemoPlantName[] = ['tire-plant', 'fridge-plant'];

const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v));

/**
 * Main → renderer at full rate: the engine takes the UNS stream as fast as one core allows
 * (every station changes between any two frames) while the frame publisher runs on its real
 * timer. Frame size is the JSON a browser receives; the baseline is what forwarding every
 * MQTT message would send instead.
 */
const frames: BenchGroup = async (report) => {
  for (const name of PLANTS) {
    const plant = demoPlant(name);
    const engine = new Engine({ plant, clock: new SystemClock() });
    const messages = unsMessages(plant, 200_000);
    const sizes: number[] = [];
    let firstFrame: Frame | undefined;
    const publisher = new FramePublisher(engine);
    publisher.add({
      send: (frame) => {
        firstFrame ??= frame;
        sizes.push(jsonBytes(frame));
      },
      ready: () => true,
    });

    let forwardedBytes = 0;
    let i = 0;
    const start = performance.now();
    publisher.start();
    await new Promise<void>((resolve) => {
      const feed = (): void => {
        for (let k = 0; k < CHUNK; k += 1, i += 1) {
          const m = messages[i % messages.length] as (typeof messages)[number];
          forwardedBytes += m.payload.byteLength + m.topic.length;
          engine.ingest({ topic: m.topic, payload: m.payload, receivedAt: Date.now(), retain: false, qos: 0 });
        }
        if (performance.now() - start < RUN_MS) setImmediate(feed);
        else resolve();
      };
      feed();
    });
    publisher.stop();
    const seconds = (performance.now() - start) / 1000;

    const deltas = sizes.slice(1).sort((a, b) => a - b);
    report({
      bench: `frames-${name}`,
      msgsPerSec: round(i / seconds),
      framesPerSec: round(sizes.length / seconds, 1),
      budgetFramesPerSec: MAX_FRAME_HZ,
      fullFrameBytes: firstFrame ? jsonBytes(firstFrame) : 0,
      maxFrameBytes: deltas[deltas.length - 1] ?? 0,
      p95FrameBytes: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
      budgetFrameBytes: BUDGET_FRAME_BYTES,
      bytesPerSec: round(sizes.reduce((a, b) => a + b, 0) / seconds),
      baselineBytesPerSec: round(forwardedBytes / seconds),
      baseline: 'every MQTT message forwarded (topic + payload bytes)',
    });
  }
};

export default frames;
