import { expect, test, type Page } from '@playwright/test';
import type { ShellCommand, ShellRequest } from '../../src-main/shared/wall-view';
import { startHost, type HostProcess } from '../support/host-process';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

/**
 * Stands in for the desktop shell's preload (`window.twinShell`) in a plain Chromium, so the
 * renderer's side of kiosk, walls and exhibition is tested where Electron cannot run: the page
 * sees the same API; the test sends commands and reads what the page asked.
 */
async function withShellStandIn(page: Page, mode: Omit<Extract<ShellCommand, { kind: 'mode' }>, 'kind'>): Promise<void> {
  await page.addInitScript((initial) => {
    const listeners = new Set<(c: unknown) => void>();
    const requests: unknown[] = [];
    // As the shell does, `hello` answers the mode as it is now.
    let mode: unknown = initial;
    Object.assign(window, {
      __shellRequests: requests,
      __shellSend: (c: { kind: string }) => {
        if (c.kind === 'mode') mode = c;
        listeners.forEach((l) => l(c));
      },
      twinShell: {
        request: async (r: { kind: string }) => {
          requests.push(r);
          return r.kind === 'hello' ? mode : null;
        },
        onCommand: (l: (c: unknown) => void) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        pathForFile: (f: File) => `/nowhere/${f.name}`,
      },
    });
  }, mode);
}

const send = (page: Page, command: ShellCommand) => page.evaluate((c) => (window as unknown as { __shellSend(c: ShellCommand): void }).__shellSend(c), command);
const requests = (page: Page) => page.evaluate(() => (window as unknown as { __shellRequests: ShellRequest[] }).__shellRequests);

test('a wall window shows its view alone: KPI board, alarm list, a line, or the control UI for anything else', async ({ page }) => {
  await page.goto(`${host.url}?view=kpi`);
  await expect(page.getByTestId('kpi-panel')).toBeVisible();
  await expect(page.locator('.app-wall')).toHaveAttribute('data-view', 'kpi');
  await expect(page.getByTestId('side-panel')).toHaveCount(0);
  await page.goto(`${host.url}?view=alarms`);
  await expect(page.getByTestId('alarm-list')).toBeVisible();
  await page.goto(`${host.url}?view=line:curing`);
  await expect(page.locator('canvas')).toBeVisible();
  await expect(page.locator('.app-wall')).toHaveAttribute('data-view', 'line');
  await expect(page.getByTestId('side-panel')).toHaveCount(0);
  await page.goto(`${host.url}?view=line:..%2F..`);
  await expect(page.getByTestId('side-panel')).toBeVisible();
});

test('/api/health carries the watchdog figures', async ({ request }) => {
  const health = await (await request.get(`${host.url}api/health`)).json();
  expect(health.watchdog).toMatchObject({ rendererRestarts: 0 });
  expect(health.watchdog.uptimeSeconds).toBeGreaterThanOrEqual(0);
});

test('exhibition: the tour starts by itself, a touch stops it, the QR code for phones shows, no operator panels', async ({ page }) => {
  await withShellStandIn(page, { kiosk: true, exhibition: true, walls: false, idleMinutes: 1, shareUrl: 'http://192.168.8.23:5173/?token=abcdefghijklmnopqrstuvwxyz012345' });
  await page.goto(host.url);
  await expect(page.locator('.app-exhibition')).toBeVisible();
  await expect(page.getByTestId('exhibition-share').locator('img')).toBeVisible();
  await expect(page.getByTestId('exhibition-share')).toContainText('192.168.8.23:5173');
  await expect(page.getByTestId('exhibition-share')).not.toContainText('token');
  await expect(page.getByTestId('side-panel')).toHaveCount(0);
  await expect(page.getByTestId('alarm-list')).toHaveCount(0);
  await expect(page.getByTestId('tour-toggle')).toHaveAttribute('aria-pressed', 'true');
  // A visitor touches the scene (pointer events, as a touch screen sends them).
  await page.mouse.click(640, 300);
  await expect(page.getByTestId('tour-toggle')).toHaveAttribute('aria-pressed', 'false');
  await send(page, { kind: 'mode', kiosk: false, exhibition: false, walls: false, idleMinutes: 1 });
  await expect(page.getByTestId('side-panel')).toBeVisible();
});

test('the shell asks for the kiosk PIN, shows a restart notice, and the menu language follows the page', async ({ page }) => {
  await withShellStandIn(page, { kiosk: true, exhibition: false, walls: false, idleMinutes: 3 });
  await page.goto(host.url);
  await expect(page.getByTestId('side-panel')).toBeVisible();
  await expect.poll(async () => (await requests(page)).map((r) => r.kind)).toEqual(expect.arrayContaining(['hello', 'set-language']));
  await send(page, { kind: 'ask-pin', purpose: 'exit', wrong: true });
  await expect(page.getByTestId('shell-pin')).toBeVisible();
  await page.getByTestId('shell-pin').locator('input').fill('2468');
  await page.getByTestId('shell-pin').locator('button[type=submit]').click();
  await expect(page.getByTestId('shell-pin')).toHaveCount(0);
  expect(await requests(page)).toContainEqual({ kind: 'submit-pin', pin: '2468' });
  await send(page, { kind: 'notice', code: 'renderer-restarted', restarts: 2, reason: 'render process gone (crashed)' });
  await expect(page.getByTestId('shell-restart-notice')).toHaveAttribute('data-restarts', '2');
  const before = (await requests(page)).filter((r) => r.kind === 'set-language').length;
  await page.getByTestId('lang-toggle').click();
  await expect.poll(async () => (await requests(page)).filter((r) => r.kind === 'set-language').length).toBe(before + 1);
  await send(page, { kind: 'lang', lang: 'en' });
  await expect(page.locator('html')).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('linetwin.lang'))).toBe('en');
});

test('a recording dropped on the window is opened through the bridge, and a refusal is shown', async ({ page }) => {
  await withShellStandIn(page, { kiosk: false, exhibition: false, walls: false, idleMinutes: 3 });
  await page.goto(host.url);
  await expect(page.getByTestId('side-panel')).toBeVisible();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['not a recording'], 'notes.txt'));
    data.items.add(new File(['x'], 'night-shift.mcap'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  });
  // The host opens recordings only from its own folder: the refusal comes back and is shown.
  await expect(page.getByTestId('shell-drop-error')).toContainText('/nowhere/night-shift.mcap');
});
