import { resolve } from 'node:path';
import { z } from 'zod';
import { plantSchema } from '../../shared/plant-schema';

/** Where editors find the schema: plant files point at it with `"$schema": "../schema/plant.schema.json"`. */
export const PLANT_SCHEMA_FILE = resolve(__dirname, '..', '..', '..', 'assets', 'schema', 'plant.schema.json');

/** The plant file schema as JSON Schema text, derived from the zod schema the app validates with. */
export function plantJsonSchemaText(): string {
  // `input`: what a person writes — fields with defaults stay optional.
  const schema = z.toJSONSchema(plantSchema, { io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'LineTwin plant file', description: 'Lines, stations, conveyors and telemetry addressing of one plant (DESIGN.md, telemetry contract).' }, null, 2)}\n`;
}
