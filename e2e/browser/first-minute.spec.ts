import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ShiftCalendar } from '../../src-main/core/kpi/shift-calendar';
import { loadPlantFile } from '../../src-main/core/plant/load-plant';
import type { Snapshot } from '../../src-main/shared/views';
import { APP_ROOT, startHost, type HostProcess } from '../support/host-process';

/** What a visitor sees a minute after the demo starts: the acceptance, for both demo plants. */
const PLANTS = ['tire-plant.json', 'fridge-plant.json'] as const;
const FIRST_MINUTE_MS = 60_000;
/** A line's rate covers its last 15 minutes: within this of a shift start or a break it may rightly be 0. */
const RATE_WINDOW_MS = 20 * 60_000;
const PRIORITY_SHAPE = /^(square|triangle|diamond|circle)-\d$/;

/** Each host with the moment it printed its URL: the demo has then run its prefill and started live. */
const hosts = new Map<string, { host: HostProcess; ready: number }>();

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  await Promise.all(
    PLANTS.map(async (file) => {
      const host = await startHost(['--demo', '--plant', resolve(APP_ROOT, 'assets/plants', file)]);
      hosts.set(file, { host, ready: Date.now() });
    }),
  );
});
test.afterAll(async () => {
  await Promise.all([...hosts.values()].map((h) => h.host.stop()));
});

/**
 * A line's OEE needs 20 min of running in the shift: a line blocked most of the time (the tire
 * plant's components) has run that long only well into a shift, and shows none before, rightly.
 */
const OEE_AFTER_SHIFT_START_MS = 2 * 3_600_000;

/**
 * Whether the last rate window lies wholly in planned production time, so every line must have
 * output in it, and whether the shift is old enough for every line to have a true OEE.
 */
async function expectations(file: string, now: number): Promise<{ planned: boolean; oee: boolean }> {
  const plant = await loadPlantFile(resolve(APP_ROOT, 'assets/plants', file));
  const calendar = new ShiftCalendar(plant.shifts);
  const planned = calendar.plannedMs(now - RATE_WINDOW_MS, now) === RATE_WINDOW_MS;
  const shift = calendar.shiftAt(now);
  return { planned, oee: planned && shift !== undefined && now - shift.start >= OEE_AFTER_SHIFT_START_MS };
}

async function snapshotOf(page: Page, url: string): Promise<Snapshot> {
  return (await (await page.request.get(`${url}api/snapshot`)).json()) as Snapshot;
}

for (const file of PLANTS) {
  test(`${file}: a minute in, every line has output and a true OEE, one alarm per fault, states unlike alarms, a legend`, async ({ page }) => {
    const { host, ready } = hosts.get(file)!;
    await page.goto(host.url);
    await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().webgl ?? false)).toBe(true);
    const wait = ready + FIRST_MINUTE_MS - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);

    const snap = await snapshotOf(page, host.url);
    const { planned, oee } = await expectations(file, snap.clock);
    for (const [id, line] of Object.entries(snap.lines)) {
      if (planned) expect(line.throughputPerHour ?? 0, `${id} rate`).toBeGreaterThan(0);
      expect(line.dataQuality, `${id} data quality`).toBeUndefined();
      if (oee) expect(line.oee.value, `${id} OEE`).not.toBeNull();
      if (line.oee.value !== null) {
        expect(line.oee.value, `${id} OEE`).toBeGreaterThan(0);
        expect(line.oee.value, `${id} OEE`).toBeLessThanOrEqual(1);
      }
    }

    // The demo's incident comes 40 s in: a fault, and its neighbours starved or blocked.
    const faulted = Object.entries(snap.stations).filter(([, s]) => s.state === 'FAULT' && !s.stale);
    expect(faulted.map(([id]) => id), 'stations in FAULT a minute in').not.toEqual([]);
    for (const [id] of faulted) {
      const causes = snap.alarms.filter((a) => a.station === id && a.active !== false && (a.source === 'fault' || a.source === 'machine'));
      expect(causes.map((a) => a.id), `alarms for the fault on ${id}`).toHaveLength(1);
    }

    // A starved or blocked station wears its state's look; a priority shape only with an alarm of its own.
    const violations = async (): Promise<{ waiting: number; shaped: string[] }> => {
      const facts = await page.evaluate(() => window.__linetwin?.scene().stations ?? {});
      const alarmed = new Set((await snapshotOf(page, host.url)).alarms.filter((a) => a.active !== false).map((a) => a.station));
      const waiting = Object.entries(facts).filter(([, f]) => (f.state === 'STARVED' || f.state === 'BLOCKED') && !f.stale);
      return { waiting: waiting.length, shaped: waiting.filter(([id, f]) => PRIORITY_SHAPE.test(f.indicator) && !alarmed.has(id)).map(([id, f]) => `${id}: ${f.indicator}`) };
    };
    await expect.poll(async () => (await violations()).waiting, 'starved or blocked stations in the scene').toBeGreaterThan(0);
    expect((await violations()).shaped).toEqual([]);

    await page.getByTestId('legend-toggle').click();
    await expect(page.getByTestId('scene-legend')).toBeVisible();
  });
}
