import { readFile } from 'node:fs/promises';
import { plantSchema, type PlantFile } from '../../shared/plant-schema';

/** A plant file that cannot be used, with where and why, so the user can fix it. */
export class PlantFileError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path || '(root)'}: ${reason}`);
    this.name = 'PlantFileError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Validates parsed JSON as a plant; throws PlantFileError naming the first problem. */
export function parsePlant(json: unknown, file: string): PlantFile {
  const result = plantSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new PlantFileError(file, issue ? formatPath(issue.path) : '', issue?.message ?? 'invalid plant file');
}

export async function loadPlantFile(file: string): Promise<PlantFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PlantFileError(file, '', `cannot read file: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PlantFileError(file, '', `not valid JSON: ${(err as Error).message}`);
  }
  return parsePlant(json, file);
}
