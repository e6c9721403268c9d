import { traceWorkerFile } from '../../src-main/host/trace-worker-file';
import { BUILT_MAIN_DIR, freshBuild } from './fresh-build';

/** The built genealogy writer the store runs. */
export const builtTraceWorker = (): string => freshBuild(traceWorkerFile(BUILT_MAIN_DIR), 'core/trace');
