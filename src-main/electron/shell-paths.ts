import { join } from 'node:path';
import { ingestWorkerFile } from '../host/ingest-worker-file';

/** Files the shell loads, relative to the built main bundle (`out/main`). Tested against the build. */
export function shellPaths(mainDir: string): { preload: string; rendererDir: string; plantsDir: string; ingestWorker: string } {
  return {
    ingestWorker: ingestWorkerFile(mainDir),
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(mainDir, '..', 'renderer'),
    plantsDir: join(mainDir, '..', '..', 'assets', 'plants'),
  };
}
