import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { shellPaths } from '../../src-main/electron/shell-paths';

const ROOT = resolve(__dirname, '..', '..');
const MAIN_DIR = join(ROOT, 'out', 'main');
const built = existsSync(join(MAIN_DIR, 'index.js'));

/**
 * What only a real Electron would otherwise catch: the files the shell loads must exist in the
 * build, and a sandboxed preload must be a single CommonJS script.
 */
describe('electron-vite build output (npm test builds first)', () => {
  it('exists', () => expect(built, 'out/main/index.js missing: run npm run build').toBe(true));
  const paths = shellPaths(MAIN_DIR);

  it('has the preload and renderer index the shell loads', () => {
    expect(existsSync(paths.preload)).toBe(true);
    expect(existsSync(paths.rendererIndex)).toBe(true);
    expect(existsSync(paths.plantsDir)).toBe(true);
    expect(existsSync(paths.ingestWorker)).toBe(true);
  });

  it('has every script and stylesheet the renderer index references', () => {
    const html = readFileSync(paths.rendererIndex, 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(existsSync(join(dirname(paths.rendererIndex), ref)), ref).toBe(true);
  });

  it('preload is one CommonJS script that exposes window.twin through contextBridge', () => {
    const code = readFileSync(paths.preload, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const exposed: Record<string, unknown> = {};
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => ({ ok: true }), on: () => undefined },
    };
    const fakeRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: fakeRequire, module, exports: module.exports, console });
    expect(required).toEqual(['electron']);
    const twin = exposed.twin as { transport: string; request: unknown; on: unknown };
    expect(twin.transport).toBe('electron');
    expect(typeof twin.request).toBe('function');
    expect(typeof twin.on).toBe('function');
  });

  it('main bundle is CommonJS and loads the preload by the path the build produced', () => {
    const main = readFileSync(join(MAIN_DIR, 'index.js'), 'utf8');
    expect(main).toMatch(/require\("electron"\)/);
    expect(main).toContain('index.cjs');
  });
});
