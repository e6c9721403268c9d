import { outputStationsOf } from '../core/kpi/kpi-engine';
import { ShiftLog } from '../core/losses/shift-log';
import type { PlantFile } from '../shared/plant-schema';
import { PlantSimulator } from './plant-simulator';
import { applyScenario, type ScenarioName } from './scenarios';

export interface SimulatedShift {
  log: ShiftLog;
  /** Units each line's output stations made, by the simulator's own counters. */
  output: Record<string, number>;
  sim: PlantSimulator;
}

/**
 * A shift of the plant as the simulator ran it, with no random faults or recurring service so
 * that a scenario's incident (and what `setup` does to the simulator) is the only difference
 * between two runs of one seed: the ground truth loss analysis is checked against.
 */
export function simulateShift(plant: PlantFile, scenario: ScenarioName, seed: number, start: number, durationMs: number, setup?: (sim: PlantSimulator) => void): SimulatedShift {
  const log = new ShiftLog(plant, start);
  const sim = new PlantSimulator(plant, { emit: (r) => log.onEvent(r) }, { seed, start, randomFaults: false, service: false, metricsPeriodMs: 3_600_000 });
  applyScenario(sim, scenario);
  setup?.(sim);
  sim.begin();
  sim.advanceTo(start + durationMs);
  const output: Record<string, number> = {};
  for (const line of plant.lines) {
    output[line.id] = outputStationsOf(line).reduce((sum, id) => {
      const t = sim.totals(id);
      return sum + (t ? t.good + t.reject : 0);
    }, 0);
  }
  return { log, output, sim };
}
