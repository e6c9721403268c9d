import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../src-main/host/electron-runtime-path';
import { APP_ROOT } from '../support/host-process';
import { ELECTRON_SKIP_REASON } from '../support/electron-skip';

const executablePath = findElectronBinary(APP_ROOT);

test.skip(!executablePath, ELECTRON_SKIP_REASON);
test.describe.configure({ mode: 'serial' });

/** Each launch with its own userData (settings, walls, logs), never the user's nor another test's. */
async function launch(args: string[], settings?: Record<string, unknown>): Promise<{ app: ElectronApplication; userData: string }> {
  const userData = mkdtempSync(join(tmpdir(), 'linetwin-electron-shell-'));
  if (settings) writeFileSync(join(userData, 'shell-settings.json'), JSON.stringify(settings));
  const app = await electron.launch({ executablePath, args: [APP_ROOT, `--user-data-dir=${userData}`, ...args], cwd: APP_ROOT });
  await app.firstWindow();
  return { app, userData };
}

/** Runs script in a window's page from the main process: survives the renderer being crashed and reloaded. */
function inWindow<T>(app: ElectronApplication, index: number, script: string): Promise<T> {
  return app.evaluate(({ BrowserWindow }, { index, script }) => BrowserWindow.getAllWindows()[index]!.webContents.executeJavaScript(script) as Promise<T>, { index, script });
}

const menuLabels = (app: ElectronApplication) => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label) ?? null);

test('kiosk: full screen without a menu, left by the exit chord', async () => {
  const { app } = await launch(['--kiosk']);
  try {
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isKiosk()))).toEqual([true]);
    expect(await menuLabels(app)).toBeNull();
    const page = await app.firstWindow();
    await page.keyboard.press('Control+Alt+Shift+KeyQ');
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(false);
    await expect.poll(() => menuLabels(app)).not.toBeNull();
  } finally {
    await app.close();
  }
});

test('walls: a window per display, each with its own view, the view picked from the menu remembered', async () => {
  const { app, userData } = await launch(['--walls']);
  try {
    const displays = await app.evaluate(({ screen }) => screen.getAllDisplays().length);
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(displays);
    const urls = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
    // The primary display gets the control UI; any other (two on a CI display with two screens) the plant.
    expect(urls.filter((u) => u === 'app://linetwin/index.html')).toHaveLength(1);
    expect(urls.filter((u) => u.endsWith('?view=plant'))).toHaveLength(displays - 1);
    await app.evaluate(({ BrowserWindow, Menu }) => {
      BrowserWindow.getAllWindows()[0]!.focus();
      Menu.getApplicationMenu()!.getMenuItemById('view:kpi')!.click();
    });
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL())).toBe('app://linetwin/index.html?view=kpi');
    await expect.poll(() => inWindow<boolean>(app, 0, "!!document.querySelector('[data-testid=kpi-panel]')")).toBe(true);
    const walls = JSON.parse(readFileSync(join(userData, 'walls.json'), 'utf8')) as Array<{ view: string }>;
    expect(walls.map((w) => w.view)).toContain('kpi');
  } finally {
    await app.close();
  }
});

test('a crashed renderer is reloaded with a notice while the engine goes on counting', async () => {
  const { app } = await launch([]);
  try {
    const messages = () => inWindow<number>(app, 0, "Number((document.querySelector('[data-testid=messages]')?.textContent ?? '0').replace(/\\D/g, ''))");
    await expect.poll(messages).toBeGreaterThan(100);
    const before = await messages();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    await expect.poll(() => inWindow<string | null>(app, 0, "document.querySelector('[data-testid=shell-restart-notice]')?.dataset.restarts ?? null"), { timeout: 30_000 }).toBe('1');
    // The engine lives in the main process: its totals carry on from before the crash.
    await expect.poll(messages).toBeGreaterThan(before);
  } finally {
    await app.close();
  }
});

test('the menu follows the UI language, and a priority 1–2 alarm raises one native notification', async () => {
  const { app } = await launch([], { lang: 'zh' });
  try {
    const page = await app.firstWindow();
    await app.evaluate(({ Notification }) => {
      const shown: string[] = [];
      (globalThis as { shown?: string[] }).shown = shown;
      const original = Notification.prototype.show;
      Notification.prototype.show = function (this: Electron.Notification) {
        shown.push(this.body);
        original.call(this);
      };
    });
    await page.evaluate(() => localStorage.setItem('linetwin.lang', 'zh'));
    await page.reload();
    await expect.poll(() => menuLabels(app)).toContain('文件');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => menuLabels(app)).toContain('File');
    // The demo faults a machine 40 s in.
    const shown = () => app.evaluate(() => (globalThis as { shown?: string[] }).shown ?? []);
    await expect.poll(async () => (await shown()).length, { timeout: 80_000 }).toBeGreaterThan(0);
    for (const body of await shown()) expect(body).toMatch(/^P[12] /);
  } finally {
    await app.close();
  }
});

test('exhibition: the tour runs, no operator panels, the window acts as a viewer', async () => {
  const { app } = await launch(['--exhibition', '--idle-minutes=1']);
  try {
    const page = await app.firstWindow();
    await expect(page.locator('.app-exhibition')).toBeVisible();
    await expect(page.getByTestId('side-panel')).toHaveCount(0);
    await expect(page.getByTestId('tour-toggle')).toHaveAttribute('aria-pressed', 'true');
    const refused = await page.evaluate(() =>
      (window as unknown as { twin: { request(method: string, params: unknown): Promise<unknown> } }).twin.request('ackAllAlarms', {}).then(
        () => 'done',
        (e: Error) => e.message,
      ),
    );
    expect(refused).not.toBe('done');
  } finally {
    await app.close();
  }
});
