/**
 * What the installers carry besides the built app, made at build time (`npm run dist` runs it
 * before electron-builder), with no download and no native module:
 * - the icons, from the one drawing in `src-main/electron/icon-image.ts` (the tray draws from it
 *   too): `build/icon.png` (1024 px, Linux), `build/icon.icns` (macOS), `build/icon.ico`
 *   (Windows) through png2icons; electron-builder finds them in `build/` (buildResources);
 * - the third-party notices: every package the installed app carries (the production part of
 *   package-lock.json) with its version, licence and licence text, shown from Help → About;
 * - the demo recording: half an hour of the tire plant's fault cascade, written by the simulator
 *   (deterministic: fixed seed and start) in one segment file, shipped as `resources/recordings`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as png2icons from 'png2icons';
import { drawIcon } from '../src-main/electron/icon-image';

const ROOT = resolve(__dirname, '..');
export const BUILD_RESOURCES = join(ROOT, 'build');
export const DEMO_RECORDING = join(BUILD_RESOURCES, 'demo-recordings', 'tire-plant-fault-cascade');
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

interface LockedPackage {
  version?: string;
  license?: string;
  dev?: boolean;
}

/** The notices of the packages shipped with the app (not the dev tools), licence texts included. */
export function thirdPartyNotices(root: string): string {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const shipped = Object.entries(lock.packages).filter(([path, p]) => path.startsWith('node_modules/') && !p.dev);
  const parts = shipped.map(([path, p]) => {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const dir = join(root, path);
    const licenceFile = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f)) : undefined;
    const text = licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : '(no licence file in the package)';
    return `${name} ${p.version ?? ''} — ${p.license ?? 'see licence text'}\n\n${text}\n`;
  });
  return [`LineTwin ships these ${shipped.length} packages besides Electron and Chromium (whose licences are LICENSE.electron.txt and LICENSES.chromium.html beside the executable).`, ...parts].join(`\n${'-'.repeat(72)}\n\n`);
}

export function writeIcons(outDir: string, size = 1024): void {
  mkdirSync(outDir, { recursive: true });
  const png = drawIcon(size);
  const icns = png2icons.createICNS(png, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(png, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not convert the icon');
  writeFileSync(join(outDir, 'icon.png'), png);
  writeFileSync(join(outDir, 'icon.icns'), icns);
  writeFileSync(join(outDir, 'icon.ico'), ico);
}

function writeDemoRecording(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  const args = ['sim', '--record', dir, '--plant', join(ROOT, 'assets', 'plants', 'tire-plant.json'), '--scenario', 'fault-cascade', '--duration', '1800', '--segment-minutes', '60', '--seed', '7', '--start', '2026-01-15T14:00:00Z'];
  execFileSync(process.execPath, [join(ROOT, 'bin', 'linetwin.mjs'), ...args], { stdio: 'inherit' });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  writeIcons(BUILD_RESOURCES);
  mkdirSync(join(BUILD_RESOURCES, 'licenses'), { recursive: true });
  writeFileSync(join(BUILD_RESOURCES, 'licenses', NOTICES_FILE), thirdPartyNotices(ROOT));
  writeDemoRecording(DEMO_RECORDING);
  process.stdout.write(`icons, notices and demo recording written to ${BUILD_RESOURCES}\n`);
}
