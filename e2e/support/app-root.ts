import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found upward: these helpers run from source and from the bench bundle. */
export function findAppRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'linetwin') return dir;
    if (dirname(dir) === dir) throw new Error(`no linetwin package.json above ${from}`);
  }
}
