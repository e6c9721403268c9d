import type { PlantFile, StationSpec } from '../shared/plant-schema';
import { profileFor, type StationProfile } from './station-profiles';

/** Stations of one type in one line working in parallel (a press bank, the AGV fleet). */
export interface Bank {
  key: string;
  line: string;
  type: string;
  profile: StationProfile;
  stations: StationSpec[];
  /** The first input carries the product; a unit from each further input is a part it consumes. */
  inputs: BufferSpec[];
  /** A finished unit takes whichever output has the most room. */
  outputs: BufferSpec[];
}

export interface BufferSpec {
  from: Bank;
  to: Bank;
  capacity: number;
}

export interface FlowGraph {
  banks: Bank[];
  buffers: BufferSpec[];
}

/**
 * Material flow from the plant file. Stations of one type in a line form a bank sharing its
 * buffers, so conveyors between them (press loader rails) do not move product; conveyors between
 * banks become buffers, their capacities summed. Lines are listed in process order: the banks
 * where a line ends feed the banks where the next one starts, through the downstream bank's
 * own input buffer (green-tire storage in front of the presses).
 */
export function buildFlowGraph(plant: PlantFile): FlowGraph {
  const banks: Bank[] = [];
  const buffers: BufferSpec[] = [];
  const connect = (from: Bank, to: Bank, capacity: number): void => {
    const existing = from.outputs.find((b) => b.to === to);
    if (existing) {
      existing.capacity += capacity;
      return;
    }
    const buffer: BufferSpec = { from, to, capacity: Math.max(1, capacity) };
    from.outputs.push(buffer);
    to.inputs.push(buffer);
    buffers.push(buffer);
  };

  let previousExits: Bank[] = [];
  for (const line of plant.lines) {
    const byType = new Map<string, Bank>();
    const bankOf = new Map<string, Bank>();
    for (const spec of line.stations) {
      let bank = byType.get(spec.type);
      if (!bank) {
        bank = { key: `${line.id}/${spec.type}`, line: line.id, type: spec.type, profile: profileFor(spec.type), stations: [], inputs: [], outputs: [] };
        byType.set(spec.type, bank);
        banks.push(bank);
      }
      bank.stations.push(spec);
      bankOf.set(spec.id, bank);
    }
    const lineBanks = [...byType.values()];
    const fedInLine = new Set<Bank>();
    const feedsInLine = new Set<Bank>();
    for (const c of line.conveyors) {
      const from = bankOf.get(c.from);
      const to = bankOf.get(c.to);
      if (!from || !to || from === to) continue;
      fedInLine.add(to);
      feedsInLine.add(from);
      connect(from, to, c.capacity);
    }
    const entries = lineBanks.filter((b) => !fedInLine.has(b));
    for (const exit of previousExits) for (const entry of entries) connect(exit, entry, entry.profile.inputBuffer);
    previousExits = lineBanks.filter((b) => !feedsInLine.has(b));
  }
  return { banks, buffers };
}
