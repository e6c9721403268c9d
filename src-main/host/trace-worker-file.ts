import { join } from 'node:path';

/** The genealogy store's writer script in the built main bundle (`out/main`), an entry of its own. */
export const traceWorkerFile = (mainDir: string): string => join(mainDir, 'trace-worker.js');
