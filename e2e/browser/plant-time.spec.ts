import { expect, test } from '@playwright/test';
import { plantClock, plantTimeZone } from '../../src-renderer/i18n/plant-time';
import type { Snapshot } from '../../src-main/shared/views';
import { startHost, type HostProcess } from '../support/host-process';

/** An engineer replays a Qingdao shift on a laptop set to another zone: times read as at the plant. */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test.use({ timezoneId: 'America/New_York' });

test("the inspector gives a station's state time at the plant's clock, not the PC's", async ({ page }) => {
  await page.goto(host.url);
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().frames ?? 0)).toBeGreaterThan(3);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  await page.keyboard.press('/');
  await page.keyboard.type('xr01');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-station', 'XR-01');
  // The demo plant's calendar is UTC+8 (Qingdao); the browser thinks it is in New York. Polled: the station may change state meanwhile.
  const shown = async (): Promise<{ text: string; atPlant: string }> => {
    const snap = (await (await page.request.get(`${host.url}api/snapshot`)).json()) as Snapshot;
    const since = snap.stations['XR-01']?.since ?? 0;
    return { text: (await page.getByTestId('inspector-state').locator('.inspector-sub').textContent()) ?? '', atPlant: plantClock(since, 'zh', plantTimeZone(480)) };
  };
  await expect.poll(async () => {
    const { text, atPlant } = await shown();
    return text.includes(atPlant);
  }).toBe(true);
});
