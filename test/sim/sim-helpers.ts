import { loadPlantFile } from '../../src-main/core/plant/load-plant';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import { PlantSimulator, type SimOptions, type SimRecord } from '../../src-main/sim/plant-simulator';
import type { PublishTarget } from '../../src-main/sim/publish-target';

export const START = Date.parse('2025-03-03T06:30:00+08:00');
export const HOUR = 3_600_000;

export function plant(name: 'tire-plant' | 'fridge-plant'): Promise<PlantFile> {
  return loadPlantFile(new URL(`../../assets/plants/${name}.json`, import.meta.url).pathname);
}

export interface Published {
  topic: string;
  payload: Uint8Array | string;
  retain: boolean;
}

/** A broker stand-in: keeps what is published, in order. */
export function collect(): PublishTarget & { messages: Published[] } {
  const messages: Published[] = [];
  return { messages, publish: (topic, payload, opts) => void messages.push({ topic, payload, retain: opts.retain }) };
}

/** Runs a simulation for `hours` with its records kept in order. */
export function simulate(p: PlantFile, hours: number, opts: Partial<SimOptions> = {}, setup?: (sim: PlantSimulator) => void): { sim: PlantSimulator; records: SimRecord[] } {
  const records: SimRecord[] = [];
  const sim = new PlantSimulator(p, { emit: (r) => void records.push(r) }, { seed: 7, start: START, ...opts });
  setup?.(sim);
  sim.begin();
  sim.advanceTo(START + hours * HOUR);
  return { sim, records };
}
