import { ingestWorkerFile } from '../../src-main/host/ingest-worker-file';
import { BUILT_MAIN_DIR, freshBuild } from './fresh-build';

/** The built ingest worker the live player runs. */
export const builtIngestWorker = (): string => freshBuild(ingestWorkerFile(BUILT_MAIN_DIR), 'core/source');
