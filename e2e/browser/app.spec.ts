import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { APP_ROOT, startHost, type HostProcess } from '../support/host-process';

const tirePlant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as {
  lines: Array<{ stations: unknown[] }>;
};
const tireStationCount = tirePlant.lines.reduce((n, l) => n + l.stations.length, 0);

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test('demo plant loads in Chromium with WebGL, every station drawn, live data flowing', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  await expect(page.locator('canvas')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().webgl ?? false)).toBe(true);
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().stationObjects ?? 0)).toBe(tireStationCount);
  await expect.poll(async () => Number(await page.getByTestId('rate').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  expect(errors).toEqual([]);
});

test('language toggle switches the UI between Chinese and English', async ({ page }) => {
  await page.goto(host.url);
  const toggle = page.getByTestId('lang-toggle');
  await expect(toggle).toBeVisible();
  const before = await page.locator('h1').textContent();
  await toggle.click();
  await expect(page.locator('h1')).not.toHaveText(before ?? '');
  await toggle.click();
  await expect(page.locator('h1')).toHaveText(before ?? '');
});

test('health and snapshot endpoints follow the contract', async ({ request }) => {
  const health = await (await request.get(`${host.url}api/health`)).json();
  expect(health.ok).toBe(true);
  expect(health.source.kind).toBe('demo');
  for (const k of ['messages', 'messagesPerSecond', 'decodeErrors', 'dropped', 'unknownTopics']) expect(typeof health.stats[k]).toBe('number');
  const snapshot = await (await request.get(`${host.url}api/snapshot`)).json();
  expect(Object.keys(snapshot.stations)).toHaveLength(tireStationCount);
  const station = Object.values(snapshot.stations)[0] as Record<string, unknown>;
  for (const k of ['state', 'stale', 'metrics', 'good', 'reject', 'lastUpdate']) expect(station).toHaveProperty(k);
  expect(Array.isArray(snapshot.alarms)).toBe(true);
});
