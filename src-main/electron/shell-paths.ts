import { join } from 'node:path';

/** Files the shell loads, relative to the built main bundle (`out/main`). Tested against the build. */
export function shellPaths(mainDir: string): { preload: string; rendererIndex: string; plantsDir: string } {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex: join(mainDir, '..', 'renderer', 'index.html'),
    plantsDir: join(mainDir, '..', '..', 'assets', 'plants'),
  };
}
