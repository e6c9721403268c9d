import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlantListEntry } from '../shared/bridge';
import type { PlantFile } from '../shared/plant-schema';
import { loadPlantFile } from '../core/plant/load-plant';

/** The plant a fresh start shows: the tire plant draws people to the booth. */
const DEFAULT_PLANT_FILE = 'tire-plant.json';

/**
 * The plant files the user can choose from: the JSON files of one folder, read again on each
 * question so an edited file shows without a restart. A file that does not load is left out.
 */
export class PlantCatalogue {
  private constructor(
    private readonly dir: string,
    private readonly files: string[],
  ) {}

  static async scan(dir: string): Promise<PlantCatalogue> {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    return new PlantCatalogue(dir, files);
  }

  /** The plant file a start opens: the default one, else the first in the folder. */
  defaultFile(): string {
    const name = this.files.includes(DEFAULT_PLANT_FILE) ? DEFAULT_PLANT_FILE : this.files[0];
    if (!name) throw new Error(`no plant files in ${this.dir}`);
    return join(this.dir, name);
  }

  async list(): Promise<PlantListEntry[]> {
    const out: PlantListEntry[] = [];
    for (const plant of await this.loadAll()) out.push({ id: plant.id, name: plant.name });
    return out;
  }

  async find(id: string): Promise<PlantFile | undefined> {
    return (await this.loadAll()).find((p) => p.id === id);
  }

  private async loadAll(): Promise<PlantFile[]> {
    const plants = await Promise.all(this.files.map((f) => loadPlantFile(join(this.dir, f)).catch(() => undefined)));
    return plants.filter((p): p is PlantFile => p !== undefined);
  }
}
