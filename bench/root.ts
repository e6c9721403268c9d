import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found upward from here: the bench runs from source and from a bundle. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'linetwin') return dir;
    if (dirname(dir) === dir) throw new Error(`no linetwin package.json above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);
export const BENCH_DIR = join(ROOT, 'bench');
