import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingestWorkerFile } from '../../src-main/host/ingest-worker-file';

const SOURCE_DIR = resolve(__dirname, '..', '..', 'src-main', 'core', 'source');

/**
 * The built ingest worker the live player runs; tests use the build as the app does (npm test
 * builds first). A build older than the worker's sources would test old code, so it is refused.
 */
export function builtIngestWorker(): string {
  const file = ingestWorkerFile(resolve(__dirname, '..', '..', 'out', 'main'));
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  const built = statSync(file).mtimeMs;
  const newer = readdirSync(SOURCE_DIR).filter((f) => !f.endsWith('.test.ts') && statSync(join(SOURCE_DIR, f)).mtimeMs > built);
  if (newer.length > 0) throw new Error(`${file} is older than ${newer.join(', ')}: run \`npm run build\` first (npm test does)`);
  return file;
}
