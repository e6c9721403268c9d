import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ManualClock } from '../src-main/core/clock';
import { Engine } from '../src-main/core/engine';
import { PlantSimulator } from '../src-main/sim/plant-simulator';
import { UnsEncoder } from '../src-main/sim/uns-encoder';
import { round, type BenchGroup } from './figure';
import { demoPlant, unsMessages } from './payloads';

const HOUR = 3_600_000;
const START = Date.parse('2025-03-03T06:30:00+08:00');
const SOAK_HOURS = 24;
const LOAD_RATE = 5000;
const LOAD_HOURS = 2;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/**
 * Memory of the engine over time, on a simulated clock: the budget is no growth after the
 * first hour. Two runs, each against its own heap after the first stretch:
 * - soak: 24 simulated hours of the tire plant from the simulator (faults, planned stops,
 *   breaks, shift changes, alarms, item tracking) through UNS JSON, where history grows;
 * - load: 5 k msg/s of the bench stream for 2 simulated hours, where per-message state would grow.
 */
const memory: BenchGroup = async (report) => {
  const plant = demoPlant('tire-plant');
  const encoder = new TextEncoder();

  {
    const clock = new ManualClock(START);
    const engine = new Engine({ plant, clock });
    const uns = new UnsEncoder(plant);
    let messages = 0;
    uns.online('uns', {
      publish: (topic, payload, opts) => {
        messages += 1;
        engine.ingest({ topic, payload: typeof payload === 'string' ? encoder.encode(payload) : payload, receivedAt: clock.now(), retain: opts.retain, qos: 0 });
      },
    });
    const sim = new PlantSimulator(
      plant,
      {
        emit: (r) => {
          if (r.ts > clock.now()) clock.set(r.ts);
          uns.emit(r);
        },
      },
      { seed: 1, start: START, randomFaults: true, service: true, calendar: true },
    );
    sim.begin();
    let firstHour = 0;
    let peak = 0;
    for (let h = 1; h <= SOAK_HOURS; h += 1) {
      sim.advanceTo(START + h * HOUR);
      clock.set(START + h * HOUR);
      engine.tick();
      const heap = heapMb();
      if (h === 1) firstHour = heap;
      peak = Math.max(peak, heap);
    }
    const last = heapMb();
    report({
      bench: 'memory-soak-tire',
      simulatedHours: SOAK_HOURS,
      messages,
      heapMb: round(last, 2),
      peakHeapMb: round(peak, 2),
      growthAfterFirstHourMb: round(last - firstHour, 2),
      baselineHeapMb: round(firstHour, 2),
      baseline: 'heap after the first simulated hour (after GC)',
      dropped: engine.health().stats.dropped,
    });
  }

  {
    const clock = new ManualClock(START);
    const engine = new Engine({ plant, clock });
    const stream = unsMessages(plant, 200_000);
    const perHour = LOAD_RATE * 3600;
    const heapAtHour: number[] = [];
    let i = 0;
    for (let hour = 1; hour <= LOAD_HOURS; hour += 1) {
      for (let k = 0; k < perHour; k += 1, i += 1) {
        clock.set(START + (i * 1000) / LOAD_RATE);
        const m = stream[i % stream.length] as (typeof stream)[number];
        engine.ingest({ topic: m.topic, payload: m.payload, receivedAt: clock.now(), retain: false, qos: 0 });
        if (k % 1000 === 0) engine.tick();
      }
      // Measured while the stream is still in use, so both figures hold it alike.
      heapAtHour.push(heapMb());
    }
    const first = heapAtHour[0] ?? 0;
    const last = heapAtHour[heapAtHour.length - 1] ?? 0;
    report({
      bench: 'memory-load-tire',
      msgsPerSimulatedSecond: LOAD_RATE,
      simulatedHours: LOAD_HOURS,
      messages: i,
      heapMb: round(last, 2),
      growthAfterFirstHourMb: round(last - first, 2),
      baselineHeapMb: round(first, 2),
      baseline: 'heap after the first simulated hour (after GC), the 200 k-message stream included',
    });
  }
};

export default memory;
