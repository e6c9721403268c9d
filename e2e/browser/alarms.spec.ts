import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { APP_ROOT, startHost, type HostProcess } from '../support/host-process';

let host: HostProcess;
test.beforeAll(async () => {
  // The tire plant with one more rule that every curing press breaks at once: alarms without waiting for a fault.
  const plant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as { lines: Array<{ id: string; alarms?: unknown[] }> };
  const curing = plant.lines.find((l) => l.id === 'curing');
  curing?.alarms?.push({ id: 'e2e', metric: 'platenTempC', limits: { h: 0 }, onDelaySeconds: 0, offDelaySeconds: 0, priority: 2, text: { zh: '测试报警', en: 'Test alarm' } });
  const dir = mkdtempSync(join(tmpdir(), 'linetwin-e2e-'));
  writeFileSync(join(dir, 'plant.json'), JSON.stringify(plant));
  host = await startHost(['--demo', '--plant', join(dir, 'plant.json'), '--data-dir', dir]);
});
test.afterAll(async () => {
  await host.stop();
});

test('the alarm list shows live alarms, and acknowledging one in the UI changes its state and is journaled', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('alarm-list')).toBeVisible();
  const unacked = page.locator('[data-testid="alarm-row"][data-state="UNACK_ACTIVE"], [data-testid="alarm-row"][data-state="RTN_UNACK"]');
  await expect(unacked.first()).toBeVisible({ timeout: 60_000 });
  const row = unacked.first();
  const id = await row.getAttribute('data-id');
  expect(id).toBeTruthy();
  await expect(row.locator('svg.priority-icon')).toHaveAttribute('data-shape', /square|triangle|diamond|circle/);

  await row.getByTestId('alarm-ack').click();
  const same = page.locator(`[data-testid="alarm-row"][data-id="${id}"]`);
  // Acknowledged: still active (ACK_ACTIVE), or back to normal and off the list; never an UNACK state.
  await expect.poll(async () => ((await same.count()) === 0 ? 'gone' : await same.getAttribute('data-state'))).toMatch(/^(ACK_ACTIVE|gone)$/);
  await expect.poll(async () => (await (await request.get(`${host.url}api/alarms/journal.csv`)).text())).toContain(`,ACK,${id},`);
  expect(errors).toEqual([]);
});
