import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type APIRequestContext, type Page, test } from '@playwright/test';
import mqtt from 'mqtt';
import type { RecordingEntry } from '../../src-main/shared/replay';
import { startMosquitto, type Mosquitto } from '../../test/support/brokers';
import { startHost, type HostProcess } from '../support/host-process';

// Recording a session, then replaying it in a second host, takes longer than one test's default.
test.describe.configure({ timeout: 240_000 });

interface ReplayApi {
  start: number;
  end: number;
  position: number;
  speed: number | 'max';
  playing: boolean;
}

/** Two presses and an X-ray, and a limit alarm on the presses' temperature: a plant only this test publishes for. */
const PLANT = {
  id: 'replay-e2e',
  name: { zh: '回放测试厂', en: 'Replay test plant' },
  uns: { prefix: 'test/replay' },
  hall: { size: [40, 30] },
  lines: [
    {
      id: 'press',
      name: { zh: '硫化测试线', en: 'Press test line' },
      shiftTargetUnits: 100,
      stations: [
        { id: 'P1', type: 'curing-press', name: { zh: '1号硫化机', en: 'Press 1' }, position: [-4, 0, 0], idealCycleSeconds: 60 },
        { id: 'P2', type: 'curing-press', name: { zh: '2号硫化机', en: 'Press 2' }, position: [4, 0, 0], idealCycleSeconds: 60 },
        { id: 'X1', type: 'xray', name: { zh: 'X光机', en: 'X-ray' }, position: [0, 0, 8], idealCycleSeconds: 30 },
      ],
      conveyors: [{ from: 'P1', to: 'P2', capacity: 4, path: [[-4, 0.9, 0], [4, 0.9, 0]] }],
      alarms: [{ id: 'hot', metric: 'tempC', limits: { h: 100 }, onDelaySeconds: 0, offDelaySeconds: 0, priority: 1, text: { zh: '温度过高', en: 'Temperature high' } }],
    },
  ],
};

let broker: Mosquitto;
let host: HostProcess;
/** The session the first host recorded: finished, so its span is fixed. */
let recorded: RecordingEntry;

const getJson = async <T,>(request: APIRequestContext, url: string): Promise<T> => (await (await request.get(url)).json()) as T;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test.beforeAll(async ({ request }) => {
  broker = await startMosquitto();
  const dataDir = mkdtempSync(join(tmpdir(), 'linetwin-replay-e2e-'));
  const plantPath = join(dataDir, 'plant.json');
  writeFileSync(plantPath, JSON.stringify(PLANT));
  const hostArgs = ['--plant', plantPath, '--broker', broker.url, '--data-dir', dataDir];

  // First host: a live session, recorded without being asked. All runs for a while, then P1 faults and P2 runs hot (an alarm).
  const first = await startHost(hostArgs);
  const client = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
  let session: string | undefined;
  try {
    await expect.poll(async () => (await getJson<{ source: { connected: boolean } }>(request, `${first.url}api/health`)).source.connected).toBe(true);
    const publish = async (faulted: boolean): Promise<void> => {
      const ts = Date.now();
      await client.publishAsync('test/replay/press/P1/state', JSON.stringify({ ts, state: faulted ? 'FAULT' : 'RUNNING', reason: faulted ? 'e2e' : undefined }), { qos: 1 });
      await client.publishAsync('test/replay/press/P2/state', JSON.stringify({ ts, state: 'RUNNING' }), { qos: 1 });
      await client.publishAsync('test/replay/press/X1/state', JSON.stringify({ ts, state: 'RUNNING' }), { qos: 1 });
      await client.publishAsync('test/replay/press/P2/metrics', JSON.stringify({ ts, values: { tempC: faulted ? 150 : 20 } }), { qos: 1 });
    };
    for (let i = 0; i < 10; i++) {
      await publish(false);
      await sleep(500);
    }
    for (let i = 0; i < 10; i++) {
      await publish(true);
      await sleep(500);
    }
    await expect.poll(async () => (await getJson<{ alarms: unknown[] }>(request, `${first.url}api/snapshot`)).alarms.length).toBeGreaterThan(0);
    const rec = (await getJson<{ recorder?: { on: boolean; dir?: string; bytes: number } }>(request, `${first.url}api/health`)).recorder;
    expect(rec?.on, 'the live session is recorded').toBe(true);
    session = rec?.dir;
  } finally {
    await client.endAsync(true);
    await first.stop();
  }

  // Second host on the same data dir: live again (nobody publishes now), with the first session in its recordings.
  host = await startHost(hostArgs);
  const list = await getJson<RecordingEntry[]>(request, `${host.url}api/recordings`);
  const found = list.find((e) => session !== undefined && (e.path === session || session.startsWith(e.path) || e.path.startsWith(session)));
  expect(found, `the first host's session ${session} in ${JSON.stringify(list.map((e) => e.path))}`).toBeTruthy();
  recorded = found!;
});

test.afterAll(async () => {
  await host?.stop();
  await broker?.stop();
});

/** Clicks the scrubber at a fraction of its width (0 = recording start, 1 = its end). */
async function clickTimeline(page: Page, fraction: number): Promise<void> {
  const box = await page.getByTestId('scrubber-track').boundingBox();
  if (!box) throw new Error('no scrubber');
  await page.mouse.click(box.x + Math.min(box.width - 1, Math.max(1, box.width * fraction)), box.y + 5);
}

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

  // Seek to the end by clicking the timeline: P1 has faulted and P2's temperature alarm is on, in the 3D view and the alarm list.
  const p1 = (): Promise<string | undefined> => page.evaluate(() => window.__linetwin?.scene().stations.P1?.state);
  const alarmRows = page.locator('[data-testid="alarm-row"]');
  await clickTimeline(page, 1);
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeGreaterThan(opened.end - (opened.end - opened.start) * 0.02);
  await expect.poll(p1).toBe('FAULT');
  await expect(alarmRows.filter({ hasText: /Temperature high|温度过高/ })).toHaveCount(1);
  // Recorded alarms are shown as they were: no acting on them in replay.
  await expect(page.getByTestId('alarms-read-only')).toBeVisible();
  await expect(alarmRows.filter({ hasText: /Temperature high|温度过高/ }).getByTestId('alarm-ack')).toBeDisabled();

  // Seek to the start: neither had happened yet.
  await clickTimeline(page, 0);
  await expect.poll(async () => (await getJson<ReplayApi>(request, `${host.url}api/replay`)).position).toBeLessThan(opened.start + (opened.end - opened.start) * 0.02);
  await expect.poll(p1).not.toBe('FAULT');
  await expect(alarmRows).toHaveCount(0);
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

  // Export the recording from the recordings browser: the download is one MCAP file.
  await page.getByTestId('recordings-button').click();
  const download = page.getByTestId('recording-download');
  const href = await download.getAttribute('href');
  expect(href).toMatch(/^\/api\/recordings\/export\?from=\d+&to=\d+$/);
  const file = await request.get(new URL(href!, host.url).toString());
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/attachment; filename=".*\.mcap"/);
  expect(Buffer.from(await file.body()).subarray(0, 6).toString('latin1')).toBe('\x89MCAP0');
  await page.getByTestId('recordings-close').click();

  // One click back to live.
  await page.getByTestId('go-live').click();
  await expect(page.getByTestId('replay-badge')).toHaveCount(0);
  await expect(timeline).toHaveAttribute('data-mode', 'live');
  await expect.poll(async () => (await getJson<{ source: { kind: string } }>(request, `${host.url}api/health`)).source.kind).not.toBe('replay');
  expect(errors).toEqual([]);
});
