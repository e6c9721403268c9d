import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from './app-root';

/**
 * Playwright global setup: the suites read the scene through `window.__linetwin`, which only a
 * test build has. A plain `npm run build` would make every scene check time out; say why instead.
 */
export default function requireTestBuild(): void {
  const assets = join(findAppRoot(__dirname), 'out', 'renderer', 'assets');
  const js = existsSync(assets) ? readdirSync(assets).filter((f) => f.endsWith('.js')) : [];
  if (!js.some((f) => readFileSync(join(assets, f), 'utf8').includes('__linetwin'))) {
    throw new Error(`${assets} is not a test build (no window.__linetwin): run \`npm run build:test\` first (npm test and npm run test:e2e do)`);
  }
}
