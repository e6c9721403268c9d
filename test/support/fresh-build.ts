import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The build's main bundle (`out/main`), which tests use as the app does (npm test builds first). */
export const BUILT_MAIN_DIR = resolve(__dirname, '..', '..', 'out', 'main');

/**
 * `file` from the build, refused when missing or older than any source in `sourceDir`
 * (relative to `src-main`): a stale build would test old code.
 */
export function freshBuild(file: string, sourceDir: string): string {
  const dir = resolve(__dirname, '..', '..', 'src-main', sourceDir);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  const built = statSync(file).mtimeMs;
  const newer = readdirSync(dir).filter((f) => !f.endsWith('.test.ts') && statSync(join(dir, f)).mtimeMs > built);
  if (newer.length > 0) throw new Error(`${file} is older than ${newer.join(', ')}: run \`npm run build\` first (npm test does)`);
  return file;
}
