import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { APP_INDEX_URL } from '../../src-main/electron/app-origin';
import { META_CONTENT_SECURITY_POLICY } from '../../src-main/shared/csp';
import { findElectronBinary } from '../../src-main/host/electron-runtime-path';
import { APP_ROOT } from '../support/host-process';
import { ELECTRON_SKIP_REASON } from '../support/electron-skip';

const executablePath = findElectronBinary(APP_ROOT);
const tirePlant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as { lines: Array<{ stations: unknown[] }> };
const tireStationCount = tirePlant.lines.reduce((n, l) => n + l.stations.length, 0);

test.skip(!executablePath, ELECTRON_SKIP_REASON);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  // Its own userData (alarm journals, window state): never the user's, nor another run's.
  const userData = mkdtempSync(join(tmpdir(), 'linetwin-electron-'));
  app = await electron.launch({ executablePath, args: [APP_ROOT, `--user-data-dir=${userData}`], cwd: APP_ROOT });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
});

test('desktop app shows the demo plant with WebGL, every station and live data', async () => {
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().webgl ?? false)).toBe(true);
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().stationObjects ?? 0)).toBe(tireStationCount);
  await expect.poll(async () => Number(await page.getByTestId('rate').getAttribute('data-value'))).toBeGreaterThan(0);
});

test('the renderer runs on app://linetwin with no Node or Electron in reach, only window.twin', async () => {
  const globals = await page.evaluate(() => ({
    href: location.href,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    module: typeof (window as unknown as { module?: unknown }).module,
    bridge: (window as unknown as { twin?: { transport: string } }).twin?.transport,
  }));
  expect(globals).toEqual({ href: APP_INDEX_URL, require: 'undefined', process: 'undefined', module: 'undefined', bridge: 'electron' });
});

test('the CSP is in the page and enforced: no connection beyond the app itself', async () => {
  const meta = await page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content);
  expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
  const violation = await page.evaluate(
    () =>
      new Promise<string>((done) => {
        document.addEventListener('securitypolicyviolation', (e) => done(`${e.effectiveDirective} ${e.blockedURI}`), { once: true });
        void fetch('http://127.0.0.1:9/steal').catch(() => undefined);
      }),
  );
  expect(violation).toMatch(/^connect-src http:\/\/127\.0\.0\.1:9/);
});

// file:// targets are refused by Chromium itself before the shell is asked; the shell's own
// refusal of them is in test/electron/shell-wiring.test.ts.
test('navigation away and new windows are refused; the window stays on the app', async () => {
  for (const target of ['https://example.com/', 'http://127.0.0.1:9/']) {
    // Listen in the main process first, so the attempt itself is observed (no waiting for nothing).
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      (globalThis as { navAttempt?: Promise<unknown> }).navAttempt = new Promise((done) => contents.once('will-navigate', (e, url) => done({ url, prevented: e.defaultPrevented })));
    });
    await page.evaluate((url) => void (location.href = url), target);
    expect(await app.evaluate(() => (globalThis as { navAttempt?: Promise<unknown> }).navAttempt)).toEqual({ url: target, prevented: true });
  }
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await page.evaluate(() => ({ href: location.href, bridge: (window as unknown as { twin?: { transport: string } }).twin?.transport }))).toEqual({ href: APP_INDEX_URL, bridge: 'electron' });
});

test('a page on another origin, even with the preload, gets no answer from the bridge', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linetwin-e2e-'));
  const localPage = join(dir, 'evil.html');
  writeFileSync(localPage, '<!doctype html><p>a local file the window was led to</p>');
  const answer = await app.evaluate(
    async ({ BrowserWindow }, { preload, url }) => {
      const win = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true } });
      try {
        await win.loadURL(url);
        return (await win.webContents.executeJavaScript("window.twin ? window.twin.request('ackAllAlarms', {}).then(() => 'answered', (e) => e.message) : 'no bridge'")) as string;
      } finally {
        win.destroy();
      }
    },
    { preload: resolve(APP_ROOT, 'out/preload/index.cjs'), url: `file://${localPage}` },
  );
  expect(answer).toBe('untrusted sender');
});
