import { PrefillClock, SystemClock, type Clock } from '../core/clock';
import type { Engine } from '../core/engine';
import { ShiftCalendar } from '../core/kpi/shift-calendar';
import type { PlantFile } from '../shared/plant-schema';
import type { PlantSimulator, SimRecord, SimSink } from './plant-simulator';

/** Where the simulator's records go; switched from the engine (prefill) to the broker (live). */
export class SinkSwitch implements SimSink {
  constructor(public target: SimSink) {}

  emit(record: SimRecord): void {
    this.target.emit(record);
  }
}

/** What a prefill did: simulated span, records and the CPU time it took. */
export interface PrefillStats {
  from: number;
  to: number;
  records: number;
  ms: number;
}

/** The engine clock for a demo: held at the start of the shift in progress until the prefill hands it to the wall clock. */
export function shiftStartClock(plant: PlantFile, wall: Clock = new SystemClock()): PrefillClock {
  const now = wall.now();
  const shift = new ShiftCalendar(plant.shifts).shiftAt(now);
  return new PrefillClock(wall, shift?.start ?? now);
}

/** Each record straight into the engine at its simulated time: the engine's clock follows it. */
export function engineSink(engine: Engine, clock: PrefillClock): SimSink {
  return {
    emit(record) {
      clock.set(record.ts);
      engine.applyEvent(record, clock.now());
    },
  };
}

/** Behind the wall clock by less than this, the prefill is done. */
const CAUGHT_UP_MS = 50;
/** Process values during the prefill: often enough for limit alarms and staleness, a fifth of the records. */
const PREFILL_METRICS_MS = 10_000;
/** Who acknowledged the alarms that came and went before the demo started. */
const HISTORY_OPERATOR = 'demo history';

/**
 * Runs the simulator as fast as the CPU goes from its current time up to the wall clock's now,
 * every record into the engine at its simulated time, then gives the engine's clock to the wall
 * clock. The shift's history (counts, states, trends, alarms) is then in the engine; the caller
 * points the sink elsewhere and the simulation goes on from the same state.
 */
export function prefillEngine(sim: PlantSimulator, sink: SinkSwitch, engine: Engine, clock: PrefillClock, wall: Clock = new SystemClock()): PrefillStats {
  const started = performance.now();
  const from = sim.now;
  let records = 0;
  const into = engineSink(engine, clock);
  const previous = sink.target;
  sink.target = {
    emit(record) {
      records += 1;
      into.emit(record);
    },
  };
  const liveMetricsMs = sim.metricsPeriodMs;
  sim.metricsPeriodMs = Math.max(liveMetricsMs, PREFILL_METRICS_MS);
  sim.begin();
  // The wall clock moves on while the prefill runs: run again until caught up.
  for (let target = wall.now(); ; target = wall.now()) {
    sim.advanceTo(target);
    clock.set(target);
    engine.tick();
    if (wall.now() - target < CAUGHT_UP_MS) break;
  }
  sim.metricsPeriodMs = liveMetricsMs;
  sink.target = previous;
  // The last shift's operator dealt with what came and went: the list opens with what is active.
  const returned = engine.alarms.views().filter((a) => a.state === 'RTN_UNACK').map((a) => a.id);
  if (returned.length > 0) engine.applyAction({ kind: 'ackAll', ids: returned, by: HISTORY_OPERATOR });
  clock.release();
  return { from, to: sim.now, records, ms: performance.now() - started };
}
