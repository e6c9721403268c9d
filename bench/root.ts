import { join } from 'node:path';
import { APP_ROOT } from '../e2e/support/host-process';

export const ROOT = APP_ROOT;
export const BENCH_DIR = join(ROOT, 'bench');
