import { ManualClock } from '../src-main/core/clock';
import { Engine } from '../src-main/core/engine';
import { plantFlowGraph } from '../src-main/core/losses/flow-graph';
import { ShiftLog } from '../src-main/core/losses/shift-log';
import { analyseShift, lineLosses } from '../src-main/core/losses/shift-losses';
import type { RawMessage } from '../src-main/core/raw-message';
import type { TelemetryEvent } from '../src-main/shared/telemetry';
import { PlantSimulator } from '../src-main/sim/plant-simulator';
import { applyScenario } from '../src-main/sim/scenarios';
import { UnsEncoder } from '../src-main/sim/uns-encoder';
import { compare, round, type BenchGroup } from './figure';
import { tirePlant } from './payloads';

const HOUR = 3_600_000;
/** 06:00 in Qingdao: shift A, 8 h with its meal break. */
const START = Date.parse('2025-03-03T06:00:00+08:00');
const SHIFT = { id: 'A', start: START, end: START + 8 * HOUR };
const ROUNDS = 5;
const BUDGET_MS = 200;

/**
 * Loss analysis of an 8 h shift of the simulated tire plant (random faults, service stops, the
 * calendar, the fault cascade on top), against its baseline: replaying the shift's messages
 * through the engine. Measured twice: from the shift log the live host keeps (what a view of
 * the Losses costs), and from the shift's events (what a past shift in a recording costs on
 * top of decoding them).
 */
const losses: BenchGroup = async (report) => {
  const plant = tirePlant();
  const events: TelemetryEvent[] = [];
  const messages: RawMessage[] = [];
  const encoder = new UnsEncoder(plant);
  let now = START;
  encoder.online('uns', { publish: (topic, payload, o) => void messages.push({ topic, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload, receivedAt: now, retain: o.retain, qos: o.qos }) });
  const sim = new PlantSimulator(
    plant,
    {
      emit: (r) => {
        now = Math.max(now, r.ts);
        events.push(r);
        encoder.emit(r);
      },
    },
    { seed: 1, start: START },
  );
  applyScenario(sim, 'fault-cascade');
  sim.begin();
  sim.advanceTo(SHIFT.end);
  const graph = plantFlowGraph(plant);
  const logOf = (): ShiftLog => {
    const log = new ShiftLog(plant, START);
    for (const e of events) log.onEvent(e);
    return log;
  };
  const analyse = (log: ShiftLog): void => {
    const analysis = analyseShift(plant, graph, log, SHIFT, SHIFT.end);
    for (const line of plant.lines) lineLosses(analysis, line.id);
  };
  const replay = (): void => {
    const clock = new ManualClock(START);
    const engine = new Engine({ plant, clock });
    for (const m of messages) {
      clock.set(m.receivedAt);
      engine.ingest(m);
    }
    engine.tick();
  };
  const log = logOf();
  const fromLog = compare(ROUNDS, replay, () => analyse(log));
  const fromEvents = compare(ROUNDS, replay, () => analyse(logOf()));
  const stateChanges = events.filter((e) => e.kind === 'state').length;
  report({
    bench: 'losses-8h-tire-shift',
    lines: plant.lines.length,
    events: events.length,
    stateChanges,
    messages: messages.length,
    fromLogMs: round(fromLog.measuredMs, 1),
    fromEventsMs: round(fromEvents.measuredMs, 1),
    baselineEngineReplayMs: round(Math.min(fromLog.baselineMs, fromEvents.baselineMs), 1),
    budgetMs: BUDGET_MS,
    withinBudget: fromEvents.measuredMs <= BUDGET_MS,
  });
  await Promise.resolve();
};

export default losses;
