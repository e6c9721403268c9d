import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const ELECTRON_VITE = resolve(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** Builds the app into a folder of its own, as `npm run build` would with `extraArgs`, and returns the renderer's JS. */
function builtRendererJs(extraArgs: string[]): string {
  const outDir = mkdtempSync(join(tmpdir(), 'linetwin-build-'));
  outDirs.push(outDir);
  execFileSync(process.execPath, [ELECTRON_VITE, 'build', '--outDir', outDir, '--logLevel', 'error', ...extraArgs], { cwd: ROOT, stdio: 'pipe' });
  const assets = join(outDir, 'renderer', 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

describe('the scene test hook (window.__linetwin)', () => {
  it('is in the test build (npm run build:test) the e2e suites and the scene bench use', () => {
    const js = builtRendererJs(['--mode', 'test']);
    expect(js).toContain('__linetwin');
    expect(js).toContain('stationObjects');
  }, 120_000);

  it('is not in the default build (npm run build), nor its per-frame bookkeeping', () => {
    const js = builtRendererJs([]);
    expect(js).not.toContain('__linetwin');
    expect(js).not.toContain('stationObjects');
    expect(js).not.toContain('lastFrameMs');
  }, 120_000);
});
