import { join } from 'node:path';

/** The MQTT ingest worker's script in the built main bundle (`out/main`), an entry of its own. */
export const ingestWorkerFile = (mainDir: string): string => join(mainDir, 'mqtt-ingest-worker.js');
