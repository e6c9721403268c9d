import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, PRIORITY_COLOURS } from '../../src-main/electron/icon-image';
import { aboutInfo } from '../../src-main/electron/about';
import { BUILD_RESOURCES, DEMO_RECORDING, thirdPartyNotices, writeIcons } from '../../scripts/build-resources';

const ROOT = resolve(__dirname, '..', '..');
const { load } = createRequire(resolve(ROOT, 'node_modules', 'electron-builder', 'package.json'))('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  fileAssociations: Array<{ ext: string; name: string }>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  nsis: Record<string, unknown>;
}
const config = load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const schema = JSON.parse(readFileSync(resolve(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties?: Record<string, unknown> }>;
};
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Decodes the PNGs icon-image writes (8-bit RGBA, filter 0): the pixel at (x, y). */
function pixel(png: Buffer, x: number, y: number): number[] {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const width = png.readUInt32BE(16);
  const idat = png.subarray(41, 41 + png.readUInt32BE(33));
  const raw = inflateSync(idat);
  const o = y * (width * 4 + 1) + 1 + x * 4;
  return [...raw.subarray(o, o + 4)];
}

describe('electron-builder.yml', () => {
  it("uses only option names electron-builder's schema knows, at the top and in nsis", () => {
    for (const key of Object.keys(config)) expect(Object.keys(schema.properties), key).toContain(key);
    for (const key of Object.keys(config.nsis)) expect(Object.keys(schema.definitions.NsisOptions!.properties!), key).toContain(key);
  });

  it('builds NSIS for Windows with the per-machine choice, AppImage and deb for Linux, dmg for macOS', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('ships the demo plants and the demo recording that the resources script makes, and opens .mcap files', () => {
    const from = config.extraResources.map((r) => r.from);
    expect(from).toEqual(['assets/plants', 'build/demo-recordings', 'build/licenses']);
    expect(existsSync(resolve(ROOT, 'assets/plants/tire-plant.json'))).toBe(true);
    expect(relative(ROOT, resolve(DEMO_RECORDING, '..'))).toBe(join('build', 'demo-recordings'));
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'mcap' })]);
    expect(resolve(ROOT, config.directories.buildResources)).toBe(BUILD_RESOURCES);
  });

  it('makes the icons and resources before electron-builder runs, which never runs in npm test', () => {
    expect(pkg.scripts.dist).toMatch(/electron-vite build && npm run dist:resources && electron-builder$/);
    expect(pkg.scripts['dist:resources']).toBe('tsx scripts/build-resources.ts');
    expect(pkg.scripts.test).not.toMatch(/electron-builder/);
  });

  it('writes a valid ICNS and ICO from the one drawing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-icons-'));
    writeIcons(dir, 256);
    expect(readFileSync(join(dir, 'icon.icns')).subarray(0, 4).toString()).toBe('icns');
    const ico = readFileSync(join(dir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    expect(readFileSync(join(dir, 'icon.png')).readUInt32BE(16)).toBe(256);
  });
});

describe('licences', () => {
  it('lists every shipped package with its licence text, and no dev tool', () => {
    const notices = thirdPartyNotices(ROOT);
    expect(notices).toMatch(/^react \S+ — MIT\n\n(The )?MIT License/m);
    expect(notices).toMatch(/^three \S+ — MIT$/m);
    expect(notices).not.toMatch(/^(vitest|electron-builder|eslint) /m);
  });

  it('About names the version and where the licences are, in the UI language', () => {
    const about = aboutInfo('zh', '1.2.3', { electron: '45.4.1', chrome: '142', node: '22' }, 'C:/Program Files/LineTwin/LineTwin.exe', 'C:/Program Files/LineTwin/resources', 'linux');
    expect(about.message).toBe('关于 LineTwin');
    expect(about.detail).toContain('版本 1.2.3');
    expect(about.licenceFiles[0]).toMatch(/resources[\\/]licenses[\\/]THIRD-PARTY-NOTICES\.txt$/);
    expect(aboutInfo('en', '1', {}, '/x/LineTwin.app/Contents/MacOS/LineTwin', '/x/LineTwin.app/Contents/Resources', 'darwin').licenceFiles[2]).toBe(join('/x/LineTwin.app/Contents/Resources', 'LICENSES.chromium.html'));
  });
});

describe('icon drawing', () => {
  it('is transparent at the corners, and the tray badge carries the priority colour', () => {
    expect(pixel(drawIcon(64), 0, 0)[3]).toBe(0);
    expect(pixel(drawIcon(64), 32, 10)[3]).toBe(255);
    for (const p of [1, 2, 3, 4] as const) {
      // Left of the badge's centre, beside the digit: the disk colour itself.
      expect(pixel(drawIcon(64, p), Math.round(0.62 * 64), Math.round(0.76 * 64)), `P${p}`).toEqual([...PRIORITY_COLOURS[p]]);
    }
  });
});
