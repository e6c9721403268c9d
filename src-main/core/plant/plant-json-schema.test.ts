import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlantFile, PlantFileError } from './load-plant';
import { PLANT_SCHEMA_FILE, plantJsonSchemaText } from './plant-json-schema';

const PLANTS_DIR = resolve(__dirname, '..', '..', '..', 'assets', 'plants');

describe('plant files and their JSON Schema', () => {
  it('has the committed JSON Schema up to date with the zod schema (run `npm run schema`)', async () => {
    expect(await readFile(PLANT_SCHEMA_FILE, 'utf8')).toBe(plantJsonSchemaText());
  });

  it('validates every shipped plant, each pointing editors at the schema', async () => {
    const files = (await readdir(PLANTS_DIR)).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['fridge-plant.json', 'tire-plant.json']);
    for (const f of files) {
      const plant = await loadPlantFile(join(PLANTS_DIR, f));
      expect(plant.$schema).toBe('../schema/plant.schema.json');
      expect(plant.sparkplug?.groupId).toBeTruthy();
    }
  });

  it('rejects a broken plant file with the file, the JSON path and the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'linetwin-plant-'));
    try {
      const good = JSON.parse(await readFile(join(PLANTS_DIR, 'tire-plant.json'), 'utf8'));
      good.lines[1].stations[0].position = [1, 2];
      const file = join(dir, 'broken.json');
      await writeFile(file, JSON.stringify(good));
      const err = await loadPlantFile(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PlantFileError);
      expect(err).toMatchObject({ file, path: 'lines[1].stations[0].position' });
      expect((err as PlantFileError).reason).toMatch(/too small|expected/i);

      await writeFile(file, '{"id": ');
      await expect(loadPlantFile(file)).rejects.toMatchObject({ file, path: '', reason: expect.stringMatching(/not valid JSON/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
