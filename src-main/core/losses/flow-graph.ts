import type { PlantFile, StationSpec } from '../../shared/plant-schema';

/**
 * Stations of one type in one line working in parallel (a press bank, the AGV fleet). `P` is
 * what the user of the graph keeps per bank (the simulator: the station type's profile).
 */
export interface Bank<P = undefined> {
  key: string;
  line: string;
  type: string;
  profile: P;
  stations: StationSpec[];
  /** The first input carries the product; a unit from each further input is a part it consumes. */
  inputs: Array<BufferSpec<P>>;
  /** A finished unit takes whichever output has the most room. */
  outputs: Array<BufferSpec<P>>;
}

export interface BufferSpec<P = undefined> {
  from: Bank<P>;
  to: Bank<P>;
  capacity: number;
}

export interface FlowGraph<P = undefined> {
  banks: Array<Bank<P>>;
  buffers: Array<BufferSpec<P>>;
}

export interface FlowGraphOptions<P> {
  profileOf: (type: string) => P;
  /** Capacity of the buffer in front of a bank where a line starts, fed by the line before it. */
  entryCapacity: (entry: Bank<P>) => number;
}

/**
 * Material flow from the plant file. Stations of one type in a line form a bank sharing its
 * buffers, so conveyors between them (press loader rails) do not move product; conveyors between
 * banks become buffers, their capacities summed. Lines are listed in process order: the banks
 * where a line ends feed the banks where the next one starts, through the downstream bank's
 * own input buffer (green-tire storage in front of the presses).
 */
export function buildFlowGraph<P>(plant: PlantFile, opts: FlowGraphOptions<P>): FlowGraph<P> {
  const banks: Array<Bank<P>> = [];
  const buffers: Array<BufferSpec<P>> = [];
  const connect = (from: Bank<P>, to: Bank<P>, capacity: number): void => {
    const existing = from.outputs.find((b) => b.to === to);
    if (existing) {
      existing.capacity += capacity;
      return;
    }
    const buffer: BufferSpec<P> = { from, to, capacity: Math.max(1, capacity) };
    from.outputs.push(buffer);
    to.inputs.push(buffer);
    buffers.push(buffer);
  };

  let previousExits: Array<Bank<P>> = [];
  for (const line of plant.lines) {
    const byType = new Map<string, Bank<P>>();
    const bankOf = new Map<string, Bank<P>>();
    for (const spec of line.stations) {
      let bank = byType.get(spec.type);
      if (!bank) {
        bank = { key: `${line.id}/${spec.type}`, line: line.id, type: spec.type, profile: opts.profileOf(spec.type), stations: [], inputs: [], outputs: [] };
        byType.set(spec.type, bank);
        banks.push(bank);
      }
      bank.stations.push(spec);
      bankOf.set(spec.id, bank);
    }
    const lineBanks = [...byType.values()];
    const fedInLine = new Set<Bank<P>>();
    const feedsInLine = new Set<Bank<P>>();
    for (const c of line.conveyors) {
      const from = bankOf.get(c.from);
      const to = bankOf.get(c.to);
      if (!from || !to || from === to) continue;
      fedInLine.add(to);
      feedsInLine.add(from);
      connect(from, to, c.capacity);
    }
    const entries = lineBanks.filter((b) => !fedInLine.has(b));
    for (const exit of previousExits) for (const entry of entries) connect(exit, entry, opts.entryCapacity(entry));
    previousExits = lineBanks.filter((b) => !feedsInLine.has(b));
  }
  return { banks, buffers };
}

/** The flow graph as loss analysis needs it: who feeds whom; buffer sizes between lines are not known outside the simulator. */
export function plantFlowGraph(plant: PlantFile): FlowGraph {
  return buildFlowGraph(plant, { profileOf: () => undefined, entryCapacity: () => 1 });
}
