import type { Bank, FlowGraph } from './flow-graph';
import type { PlantSimulator } from './plant-simulator';

export const SCENARIOS = ['normal', 'bottleneck', 'fault-cascade', 'alarm-flood', 'flaky-network'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenario(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value);
}

const MINUTE = 60_000;

/** The plant's largest bank: curing presses in the tire plant, performance-test bays in the fridge plant. */
export function bottleneckBank(graph: FlowGraph): Bank {
  return graph.banks.reduce((best, b) => (b.stations.length > best.stations.length ? b : best));
}

/**
 * The station whose failure shows a cascade best: a single machine (no parallel twin to take
 * over) with banks both up- and downstream, nearest the middle of the flow.
 */
export function cascadeStation(graph: FlowGraph): string {
  const mid = (graph.banks.length - 1) / 2;
  const candidates = graph.banks
    .map((bank, i) => ({ bank, distance: Math.abs(i - mid) }))
    .filter(({ bank }) => bank.stations.length === 1 && bank.inputs.length > 0 && bank.outputs.length > 0)
    .sort((a, b) => a.distance - b.distance);
  const station = (candidates[0]?.bank ?? graph.banks[0])?.stations[0];
  if (!station) throw new Error('the plant has no stations');
  return station.id;
}

/**
 * Sets up a scenario in simulated time, from the simulation's start. Flaky network is the
 * runner's business (it drops the connections); the plant itself runs a normal shift then.
 */
export function applyScenario(sim: PlantSimulator, name: ScenarioName): void {
  const t0 = sim.now;
  switch (name) {
    case 'normal':
    case 'flaky-network':
      return;
    case 'bottleneck': {
      // A heavier product on the bottleneck bank (a longer cure) while a quarter of it is down for mould changes.
      bottleneckBank(sim.graph).stations.forEach((s, i) => {
        sim.setCycleFactor(s.id, 1.15);
        if (i % 4 === 0) sim.scheduleMaintenance(s.id, t0 + MINUTE, 120 * MINUTE, 'mould change');
      });
      return;
    }
    case 'fault-cascade':
      sim.injectFault(cascadeStation(sim.graph), t0 + 5 * MINUTE, 45 * MINUTE, { id: 'MAIN_DRIVE_TRIP', text: 'Main drive overload trip', priority: 2 });
      return;
    case 'alarm-flood':
      // A utility header fails: every machine on it alarms within a few minutes, then recovers one by one.
      bottleneckBank(sim.graph).stations.forEach((s, i) => sim.utilityLoss(s.id, t0 + 3 * MINUTE + i * 10_000, 12 * MINUTE + i * 5_000));
      return;
  }
}
