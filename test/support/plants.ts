import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlant } from '../../src-main/core/plant/load-plant';
import type { PlantFile } from '../../src-main/shared/plant-schema';

export const PLANTS_DIR = resolve(__dirname, '..', '..', 'assets', 'plants');

export function loadDemoPlant(name: 'tire-plant' | 'fridge-plant'): PlantFile {
  const file = resolve(PLANTS_DIR, `${name}.json`);
  return parsePlant(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** A two-station plant small enough to reason about by hand. */
export function tinyPlant(overrides: { staleAfterSeconds?: number } = {}): PlantFile {
  return parsePlant(
    {
      id: 'tiny',
      name: { zh: '小工厂', en: 'Tiny plant' },
      uns: { prefix: 'test/tiny' },
      lines: [
        {
          id: 'L1',
          name: { zh: '一线', en: 'Line 1' },
          stations: [
            { id: 'A', type: 'cutter', name: { zh: '甲', en: 'A' }, position: [0, 0, 0], idealCycleSeconds: 10, staleAfterSeconds: overrides.staleAfterSeconds ?? 30 },
            { id: 'B', type: 'packaging', name: { zh: '乙', en: 'B' }, position: [5, 0, 0], idealCycleSeconds: 20, staleAfterSeconds: overrides.staleAfterSeconds ?? 30 },
          ],
          conveyors: [{ from: 'A', to: 'B', capacity: 4 }],
        },
      ],
    },
    'tiny.json',
  );
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
