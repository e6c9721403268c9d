import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type APIRequestContext, type Page, test } from '@playwright/test';
import type { RecordingEntry } from '../../src-main/shared/views';
import { APP_ROOT, startHost, type HostProcess } from '../support/host-process';

// Recording a session, then replaying it in a second host, takes longer than one test's default.
test.describe.configure({ timeout: 240_000 });

interface ReplayApi {
  start: number;
  end: number;
  position: number;
  speed: number | 'max';
  playing: boolean;
}

let dataDir: string;
let plantPath: string;
let host: HostProcess;
/** The session the first host recorded: finished, so its span is fixed. */
let recorded: RecordingEntry;

const getJson = async <T,>(request: APIRequestContext, url: string): Promise<T> => (await (await request.get(url)).json()) as T;

test.beforeAll(async ({ request }) => {
  // The tire plant with a rule every curing press breaks at once, so the recording has alarms from its first seconds.
  const plant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as { lines: Array<{ id: string; alarms?: unknown[] }> };
  plant.lines.find((l) => l.id === 'curing')?.alarms?.push({ id: 'e2e', metric: 'platenTempC', limits: { h: 0 }, onDelaySeconds: 0, offDelaySeconds: 0, priority: 2, text: { zh: '测试报警', en: 'Test alarm' } });
  dataDir = mkdtempSync(join(tmpdir(), 'linetwin-replay-e2e-'));
  plantPath = join(dataDir, 'plant.json');
  writeFileSync(plantPath, JSON.stringify(plant));

  // First host: a demo session, recorded without being asked, with alarms in it; then stopped.
  const recorder = await startHost(['--demo', '--plant', plantPath, '--data-dir', dataDir]);
  try {
    await expect.poll(async () => (await getJson<{ alarms: unknown[] }>(request, `${recorder.url}api/snapshot`)).alarms.length, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await getJson<{ recorder?: { on: boolean; bytes: number } }>(request, `${recorder.url}api/health`)).recorder?.bytes ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    // Some seconds of plant life after the alarms came, so the start and the end of the recording differ.
    await new Promise((r) => setTimeout(r, 8000));
  } finally {
    await recorder.stop();
  }

  // Second host on the same data dir: live again, with the first session in its recordings.
  host = await startHost(['--demo', '--plant', plantPath, '--data-dir', dataDir]);
  const list = await getJson<RecordingEntry[]>(request, `${host.url}api/recordings`);
  const first = [...list].sort((a, b) => a.start - b.start)[0];
  expect(first, 'the first host left a recording').toBeTruthy();
  recorded = first!;
});

test.afterAll(async () => {
  await host?.stop();
});

/** Clicks the scrubber at a fraction of its width (0 = recording start, 1 = its end). */
async function clickTimeline(page: Page, fraction: number): Promise<void> {
  const box = await page.getByTestId('scrubber-track').boundingBox();
  if (!box) throw new Error('no scrubber');
  await page.mouse.click(box.x + Math.min(box.width - 1, Math.max(1, box.width * fraction)), box.y + 5);
}

const sceneStations = (page: Page): Promise<string> => page.evaluate(() => JSON.stringify(window.__linetwin?.scene().stations ?? {}));

test('open a recording, play, seek by clicking the timeline, bookmark with B and jump to it, back to live', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-mode', 'live');
  await expect(page.getByTestId('rec-indicator')).toHaveAttribute('data-state', 'on');
  await expect(page.getByTestId('replay-badge')).toHaveCount(0);

  // Open the first host's session from the recordings browser.
  await page.getByTestId('recordings-button').click();
  const row = page.locator(`[data-testid="recording-row"][data-path="${recorded.path}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('recording-open').click();
  await expect(page.getByTestId('recordings-dialog')).toHaveCount(0);
  await expect(page.getByTestId('replay-badge')).toBeVisible();
  await expect(timeline).toHaveAttribute('data-mode', 'replay');
  await expect.poll(async () => (await getJson<{ source: { kind: string } }>(request, `${host.url}api/health`)).source.kind).toBe('replay');
  const opened = await getJson<ReplayApi>(request, `${host.url}api/replay`);
  expect(opened.start).toBeGreaterThan(0);
  expect(opened.end).toBeGreaterThan(opened.start);
  await expect(page.getByTestId('scrubber-track')).toHaveAttribute('data-from', String(opened.start));

  // Play: the position moves on the host and in the readout; pause stops it.
  await page.getByTestId('replay-speed-1').click();
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'true');
  const before = (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position;
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeGreaterThan(before);
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');

  // Seek to the end by clicking the timeline: the alarms of the recording and the plant's state are there.
  await clickTimeline(page, 1);
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeGreaterThan(opened.end - (opened.end - opened.start) * 0.02);
  const alarmRows = page.locator('[data-testid="alarm-row"]');
  await expect(alarmRows.first()).toBeVisible();
  const alarmsAtEnd = await alarmRows.count();
  const sceneAtEnd = await sceneStations(page);

  // Seek to the start: the alarm list and the 3D view go back with it.
  await clickTimeline(page, 0);
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeLessThan(opened.start + (opened.end - opened.start) * 0.02);
  await expect.poll(() => alarmRows.count()).toBeLessThan(alarmsAtEnd);
  await expect.poll(() => sceneStations(page)).not.toBe(sceneAtEnd);
  const readout = Number(await page.getByTestId('replay-time').getAttribute('data-t'));
  expect(readout).toBeLessThan(opened.start + (opened.end - opened.start) * 0.02);

  // A bookmark in the middle, added with the B key; its marker appears on the scrubber.
  await clickTimeline(page, 0.5);
  await expect.poll(async () => Math.abs((await getJson<ReplayApi>(request, `${host.url}api/replay`)).position - (opened.start + opened.end) / 2)).toBeLessThan((opened.end - opened.start) * 0.05);
  await page.keyboard.press('b');
  await expect(page.getByTestId('bookmark-dialog')).toBeVisible();
  await page.getByTestId('bookmark-note').fill('presses starving here');
  await page.getByTestId('bookmark-save').click();
  await expect(page.getByTestId('bookmark-dialog')).toHaveCount(0);
  const marker = page.locator('[data-testid="bookmark-marker"][title*="presses starving here"]');
  await expect(marker).toHaveCount(1);
  const at = Number(await marker.getAttribute('data-t'));
  expect(Math.abs(at - (opened.start + opened.end) / 2)).toBeLessThan((opened.end - opened.start) * 0.05);

  // From the start, "next bookmark" (Shift+]) jumps to it; so does the button from the end, backwards.
  await clickTimeline(page, 0);
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeLessThan(at);
  await page.keyboard.press('Shift+BracketRight');
  await expect.poll(async () => Math.abs((await getJson<ReplayApi>(request, `${host.url}api/replay`)).position - at)).toBeLessThanOrEqual(1000);
  await clickTimeline(page, 1);
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeGreaterThan(at + 1000);
  await page.getByTestId('replay-prev-bookmark').click();
  await expect.poll(async () => Math.abs((await getJson<ReplayApi>(request, `${host.url}api/replay`)).position - at)).toBeLessThanOrEqual(1000);

  // One click back to live.
  await page.getByTestId('go-live').click();
  await expect(page.getByTestId('replay-badge')).toHaveCount(0);
  await expect(timeline).toHaveAttribute('data-mode', 'live');
  await expect.poll(async () => (await getJson<{ source: { kind: string } }>(request, `${host.url}api/health`)).source.kind).not.toBe('replay');
  expect(errors).toEqual([]);
});
