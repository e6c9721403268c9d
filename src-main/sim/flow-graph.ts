import { buildFlowGraph as buildGraph, type Bank as GraphBank, type BufferSpec as GraphBuffer, type FlowGraph as Graph } from '../core/losses/flow-graph';
import type { PlantFile } from '../shared/plant-schema';
import { profileFor, type StationProfile } from './station-profiles';

/** A bank of the simulated plant: its stations share the station type's profile. */
export type Bank = GraphBank<StationProfile>;
export type BufferSpec = GraphBuffer<StationProfile>;
export type FlowGraph = Graph<StationProfile>;

/** The plant's flow graph with each bank's profile; a line's entry buffer holds what its first bank's profile says. */
export function buildFlowGraph(plant: PlantFile): FlowGraph {
  return buildGraph(plant, { profileOf: profileFor, entryCapacity: (entry) => entry.profile.inputBuffer });
}
