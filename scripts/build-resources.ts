/**
 * What the installers carry besides the built app, made at build time (`npm run dist` runs it
 * before electron-builder), with no download and no native module:
 * - the icons, from the one drawing in `src-main/electron/icon-image.ts` (the tray draws from it
 *   too): `build/icon.png` (1024 px, Linux), `build/icon.icns` (macOS), `build/icon.ico`
 *   (Windows) through png2icons; electron-builder finds them in `build/` (buildResources);
 * - the demo recording: half an hour of the tire plant's fault cascade, written by the simulator
 *   (deterministic: fixed seed and start) in one segment file, shipped as `resources/recordings`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as png2icons from 'png2icons';
import { drawIcon } from '../src-main/electron/icon-image';

const ROOT = resolve(__dirname, '..');
export const BUILD_RESOURCES = join(ROOT, 'build');
export const DEMO_RECORDING = join(BUILD_RESOURCES, 'demo-recordings', 'tire-plant-fault-cascade');

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
  writeDemoRecording(DEMO_RECORDING);
  process.stdout.write(`icons and demo recording written to ${BUILD_RESOURCES}\n`);
}
