import { join } from 'node:path';

/** The forecast worker's script in the built main bundle (`out/main`), an entry of its own. */
export const forecastWorkerFile = (mainDir: string): string => join(mainDir, 'forecast-worker.js');
