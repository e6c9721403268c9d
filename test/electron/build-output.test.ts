import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../src-main/electron/app-origin';
import { createAppProtocolHandler } from '../../src-main/electron/app-protocol';
import { shellPaths } from '../../src-main/electron/shell-paths';
import { forecastScript } from '../../src-main/host/forecast-process';
import { traceWorkerFile } from '../../src-main/host/trace-worker-file';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src-main/shared/csp';

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

  const serve = createAppProtocolHandler(paths.rendererDir);
  const indexHtml = async (): Promise<string> => {
    const res = await serve(new Request(APP_INDEX_URL));
    expect(res.status).toBe(200);
    return res.text();
  };

  it('has the preload, plants and ingest worker the shell loads', () => {
    expect(existsSync(paths.preload)).toBe(true);
    expect(existsSync(paths.plantsDir)).toBe(true);
    expect(existsSync(paths.ingestWorker)).toBe(true);
  });

  it.each([
    ['genealogy writer', traceWorkerFile],
    ['forecast process', forecastScript],
  ])('has the %s the runtime starts beside the ingest worker, as CommonJS', (_name, fileIn) => {
    const file = fileIn(dirname(paths.ingestWorker));
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('serves the renderer index the window loads (app://linetwin/index.html) and every script and stylesheet it references', async () => {
    const html = await indexHtml();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const res = await serve(new Request(new URL(ref, APP_INDEX_URL)));
      expect(res.status, ref).toBe(200);
      expect(res.headers.get('content-type'), ref).not.toBe('application/octet-stream');
    }
  });

  it('index.html carries the CSP as its first <meta>, the header policy less what a <meta> cannot carry', async () => {
    const html = await indexHtml();
    const metas = [...html.matchAll(/<meta\b[^>]*>/g)].map((m) => m[0]);
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(metas[0] ?? '');
    expect(csp, metas[0]).not.toBeNull();
    const content = csp![1]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    expect(content).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${content}; frame-ancestors 'none'`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<(script|link)\b/));
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
