import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ReportEntry } from '../../src-main/shared/losses';
import { APP_ROOT, startHost, type HostProcess } from '../support/host-process';

// The shift of the test plant ends a minute after the host starts: the reports come at its end.
test.describe.configure({ timeout: 180_000 });

const MIN = 60_000;
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

let host: HostProcess;
let dataDir: string;
let lines: number;

test.beforeAll(async () => {
  // The demo tire plant on a calendar of one short shift (UTC) that began a minute ago and ends in about one more.
  const plant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as { lines: unknown[]; shifts?: unknown };
  const start = Math.floor(Date.now() / MIN) * MIN - MIN;
  const end = Date.now() + 75_000;
  plant.shifts = { utcOffsetMinutes: 0, shifts: [{ id: 'E2E', start: hhmm(start), hours: (end - start) / 3_600_000 }] };
  lines = plant.lines.length;
  dataDir = mkdtempSync(join(tmpdir(), 'linetwin-losses-e2e-'));
  writeFileSync(join(dataDir, 'plant.json'), JSON.stringify(plant));
  host = await startHost(['--demo', '--plant', join(dataDir, 'plant.json'), '--data-dir', dataDir]);
});
test.afterAll(async () => {
  await host.stop();
});

test('the Losses view shows the shift’s waterfall and Pareto; a Pareto row selects its station, and root causes are ringed in 3D', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  await page.getByTestId('tab-losses').click();
  const waterfall = page.getByTestId('losses-waterfall');
  await expect(waterfall).toBeVisible({ timeout: 30_000 });
  await expect(waterfall.locator('tr[data-category="calendar"]')).toHaveCount(1);
  await expect(waterfall.locator('tr[data-category="good"]')).toHaveCount(1);
  const row = page.getByTestId('losses-pareto-row').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const station = await row.getAttribute('data-station');
  expect(station).toBeTruthy();
  await row.click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-station', station ?? '');
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().lossRings.length ?? 0)).toBeGreaterThan(0);
  // The shift before: this host has no data of it, and says so rather than showing the current one.
  await page.getByTestId('losses-previous').click();
  await expect(page.getByTestId('losses-previous')).toHaveAttribute('aria-pressed', 'true');
  await expect(waterfall.locator('tr[data-category="no-data"]')).toHaveCount(1);
  await expect(waterfall.locator('tr[data-category="good"] td.n')).toHaveText('0.0');
  expect(errors).toEqual([]);
});

test('at the shift’s end each line’s report is written (zh and en, HTML and PDF) and listed', async ({ page, request }) => {
  await expect
    .poll(async () => ((await (await request.get(`${host.url}api/reports`)).json()) as ReportEntry[]).length, { timeout: 150_000, intervals: [2000] })
    .toBe(lines * 4);
  const reports = (await (await request.get(`${host.url}api/reports`)).json()) as ReportEntry[];
  expect(new Set(reports.map((r) => `${r.lang}.${r.format}`))).toEqual(new Set(['zh.html', 'zh.pdf', 'en.html', 'en.pdf']));
  for (const r of reports) expect(existsSync(join(dataDir, 'reports', r.name))).toBe(true);
  const zh = reports.find((r) => r.lang === 'zh' && r.format === 'html' && r.line === 'curing');
  const res = await request.get(`${host.url}api/reports/${zh?.name ?? ''}`);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('班次报告');
  await page.goto(host.url);
  await page.getByTestId('tab-losses').click();
  // The view lists the newest 20.
  const links = page.getByTestId('losses-report');
  await expect(links).toHaveCount(Math.min(20, lines * 4));
  const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
  expect(reports.map((r) => r.name)).toContain(download.suggestedFilename());
});

test.describe('in replay', () => {
  /** 06:00 in Qingdao: shift A; the fault cascade's X-ray fault comes 5 minutes in. */
  const START = Date.parse('2026-01-05T22:00:00Z');
  let replayHost: HostProcess;

  test.beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-losses-replay-'));
    const rec = join(dir, 'night');
    execFileSync(process.execPath, [resolve(APP_ROOT, 'bin/linetwin.mjs'), 'sim', '--record', rec, '--scenario', 'fault-cascade', '--seed', '5', '--duration', '3600', '--start', new Date(START).toISOString()], { cwd: APP_ROOT });
    return startHost(['--demo', '--replay', rec, '--data-dir', dir, '--no-record']).then((h) => {
      replayHost = h;
    });
  });
  test.afterAll(async () => {
    await replayHost.stop();
  });

  test('a root cause of the replayed shift selects its station and takes the replay to its start', async ({ page, request }) => {
    await page.goto(replayHost.url);
    await page.getByTestId('tab-losses').click();
    await page.getByTestId('losses-line').selectOption('curing');
    const row = page.locator('[data-testid="losses-pareto-row"][data-station="XR-01"]').first();
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.click();
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-station', 'XR-01');
    await expect.poll(async () => ((await (await request.get(`${replayHost.url}api/replay`)).json()) as { position: number }).position).toBe(START + 5 * MIN);
  });
});
