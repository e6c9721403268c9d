import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable if this machine has one, found without requiring the electron package
 * (which downloads the runtime on first use and fails offline).
 */
export function findElectronBinary(appRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkgDir = join(appRoot, 'node_modules', 'electron');
  const pathTxt = join(pkgDir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : undefined;
  if (override) {
    const candidate = join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(candidate) ? candidate : undefined;
  }
  if (!relative) return undefined;
  const candidate = join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? candidate : undefined;
}
