import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { traceWorkerFile } from '../../src-main/host/trace-worker-file';

const SOURCE_DIR = resolve(__dirname, '..', '..', 'src-main', 'core', 'trace');

/**
 * The built genealogy writer the store runs; tests use the build as the app does (npm test
 * builds first). A build older than the store's sources would test old code, so it is refused.
 */
export function builtTraceWorker(): string {
  const file = traceWorkerFile(resolve(__dirname, '..', '..', 'out', 'main'));
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  const built = statSync(file).mtimeMs;
  const newer = readdirSync(SOURCE_DIR).filter((f) => !f.endsWith('.test.ts') && statSync(join(SOURCE_DIR, f)).mtimeMs > built);
  if (newer.length > 0) throw new Error(`${file} is older than ${newer.join(', ')}: run \`npm run build\` first (npm test does)`);
  return file;
}
