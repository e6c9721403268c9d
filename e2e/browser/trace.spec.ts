import { expect, test } from '@playwright/test';
import type { ItemCard, StationItems } from '../../src-main/shared/trace';
import type { Health } from '../../src-main/shared/views';
import { startHost, type HostProcess } from '../support/host-process';
import { midShiftPlant } from '../support/mid-shift-plant';

let host: HostProcess;
test.beforeAll(async () => {
  // Hours into a shift, so the demo's history holds tires that have been cured.
  host = await startHost(['--demo', '--plant', midShiftPlant('assets/plants/tire-plant.json', 3)]);
});
test.afterAll(async () => {
  await host.stop();
});

const api = async <T>(path: string): Promise<T> => (await (await fetch(`${host.url}${path}`)).json()) as T;

/** A tire of the demo's shift that has been through a press and out: it has a cure record. */
async function curedTire(): Promise<string> {
  await expect.poll(async () => (await api<Health>('api/health')).trace?.written ?? 0, { timeout: 30_000 }).toBeGreaterThan(1000);
  for (let press = 1; press <= 24; press += 1) {
    const at = await api<StationItems>(`api/trace/station/CP-${String(press).padStart(2, '0')}?from=0&to=8640000000000000`);
    const cured = at.visits.find((v) => v.outcome === 'leave');
    if (cured) return cured.item;
  }
  throw new Error('no cured tire in the demo shift');
}

test('a demo tire typed into search opens its card with route and cure record; a lot lists its items; the route is drawn in 3D', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const tire = await curedTire();
  const card = await api<ItemCard>(`api/trace/item/${tire}`);
  const lot = card.parts[0]?.id as string;
  expect(lot).toBeTruthy();

  await page.goto(host.url);
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().frames ?? 0)).toBeGreaterThan(3);
  await page.getByTestId('station-search').fill(tire);
  const hit = page.locator(`[data-testid="trace-hit"][data-id="${tire}"]`);
  await expect(hit).toBeVisible();
  await hit.locator('button').click();

  const itemCard = page.getByTestId('item-card');
  await expect(itemCard).toHaveAttribute('data-item', tire);
  const route = page.getByTestId('trace-route');
  await expect(route.locator('li[data-station^="TB-"]')).toHaveCount(1);
  const press = route.locator('li[data-station^="CP-"]');
  await expect(press).toHaveAttribute('data-outcome', 'leave');
  // The cure record: platen temperature and pressures during this tire's cure.
  await expect(press.locator('tr[data-metric="platenTempC"]')).toBeVisible();
  await expect(press.locator('tr[data-metric="bladderPressureBar"]')).toBeVisible();

  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().traceRoute)).toMatchObject({ item: tire, drawn: true });
  const drawn = await page.evaluate(() => window.__linetwin?.scene().traceRoute.stations ?? []);
  expect(drawn).toEqual(card.route.map((v) => v.station));
  // A tube in plant metres, not a 1 px line: visible on a wall screen.
  expect(await page.evaluate(() => window.__linetwin?.scene().traceRoute.widthM ?? 0)).toBeGreaterThanOrEqual(0.3);
  await testInfo.attach('item-card', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('trace-lots').locator(`button[data-lot="${lot}"]`).first().click();
  const lotView = page.getByTestId('lot-view');
  await expect(lotView).toHaveAttribute('data-lot', lot);
  await expect(page.getByTestId('lot-items').locator(`tr[data-item="${tire}"]`)).toBeVisible();
  await testInfo.attach('lot-view', { body: await page.screenshot(), contentType: 'image/png' });
  await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().traceRoute.item)).toBeNull();
  expect(errors).toEqual([]);
});

test('the quality tab shows first-pass yield of the finishing line with links to item cards', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('tab-quality').click();
  await expect(page.getByTestId('quality-panel')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('quality-fpy').getAttribute('data-tested')), { timeout: 30_000 }).toBeGreaterThan(0);
});
