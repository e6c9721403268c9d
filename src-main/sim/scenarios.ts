import type { Bank, FlowGraph } from './flow-graph';
import type { PlantSimulator } from './plant-simulator';
import { deriveSeed, Rng } from '../core/rng';
import type { MachineAlarm } from './station-profiles';

export const SCENARIOS = ['normal', 'bottleneck', 'fault-cascade', 'alarm-flood', 'flaky-network', 'demo', 'bad-lot'] as const;
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
  const station = cascadeCandidates(graph)[0] ?? graph.banks[0]?.stations[0]?.id;
  if (!station) throw new Error('the plant has no stations');
  return station;
}

/** Single machines with a bank on each side, nearest the middle of the flow first: where a fault starves and blocks. */
export function cascadeCandidates(graph: FlowGraph): string[] {
  const mid = (graph.banks.length - 1) / 2;
  return graph.banks
    .map((bank, i) => ({ bank, distance: Math.abs(i - mid) }))
    .filter(({ bank }) => bank.stations.length === 1 && bank.inputs.length > 0 && bank.outputs.length > 0)
    .sort((a, b) => a.distance - b.distance)
    .flatMap(({ bank }) => bank.stations.map((s) => s.id));
}

const DEMO_FIRST_INCIDENT_MS = 40_000;
const DEMO_INCIDENT_MS = [4 * MINUTE, 5 * MINUTE] as const;
const DEMO_PAUSE_MS = [3 * MINUTE, 5 * MINUTE] as const;
const DEMO_STATIONS = 3;

/**
 * Something to see at a booth: 40 s after the start one of the machines in the middle of the
 * flow faults (its own alarm, neighbours starve and block), is repaired a few minutes later, and
 * a few minutes after that the next one goes, for as long as the demo runs. Same seed, same incidents.
 */
function demoIncidents(sim: PlantSimulator, t0: number): void {
  const rng = new Rng(deriveSeed(sim.seed, 'demo-incidents'));
  const stations = cascadeCandidates(sim.graph).slice(0, DEMO_STATIONS);
  if (stations.length === 0) return;
  const bankOf = new Map(sim.graph.banks.flatMap((b) => b.stations.map((s) => [s.id, b] as const)));
  let turn = 0;
  const incident = (at: number): void => {
    sim.at(at, () => {
      // A candidate already stopped (a random fault, a mould change) would make the visitor wait: the next one that runs takes the turn.
      const order = stations.map((_, i) => stations[(turn + i) % stations.length] as string);
      const station = order.find((id) => !sim.isDown(id)) ?? (order[0] as string);
      turn += 1;
      const duration = rng.between(...DEMO_INCIDENT_MS);
      const alarm = rng.pick<MachineAlarm>(bankOf.get(station)?.profile.faults ?? [{ id: 'MACHINE_FAULT', text: 'Machine fault', priority: 3 }]);
      sim.injectFault(station, at, duration, alarm);
      incident(at + duration + rng.between(...DEMO_PAUSE_MS));
    });
  };
  incident(t0 + DEMO_FIRST_INCIDENT_MS);
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
    case 'bad-lot':
      // A compound batch (a liner lot in the fridge plant) made ten minutes in is bad: its products fail inspection more often.
      sim.injectBadLot(t0 + 10 * MINUTE);
      return;
    case 'fault-cascade':
      sim.injectFault(cascadeStation(sim.graph), t0 + 5 * MINUTE, 45 * MINUTE, { id: 'MAIN_DRIVE_TRIP', text: 'Main drive overload trip', priority: 2 });
      return;
    case 'demo':
      demoIncidents(sim, t0);
      return;
    case 'alarm-flood':
      // A utility header fails: every machine on it alarms within a few minutes, then recovers one by one.
      bottleneckBank(sim.graph).stations.forEach((s, i) => sim.utilityLoss(s.id, t0 + 3 * MINUTE + i * 10_000, 12 * MINUTE + i * 5_000));
      return;
  }
}
