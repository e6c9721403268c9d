import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PLANT_SCHEMA_FILE, plantJsonSchemaText } from './plant-json-schema';

// `npm run schema`: regenerate the committed JSON Schema after changing plant-schema.ts.
mkdirSync(dirname(PLANT_SCHEMA_FILE), { recursive: true });
writeFileSync(PLANT_SCHEMA_FILE, plantJsonSchemaText());
process.stdout.write(`wrote ${PLANT_SCHEMA_FILE}\n`);
