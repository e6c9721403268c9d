import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import { writeTestRecording } from '../../test/support/mcap-test-writer';
import { loadDemoPlant, PLANTS_DIR } from '../../test/support/plants';
import { recordedSession } from '../../test/support/recorded-session';
import { openPlayer } from '../../test/support/replay-fixtures';
import { LOCAL_OPERATOR } from '../shared/bridge';
import type { Bookmark, RecordingEntry, ReplayOverview, ReplayStatus } from '../shared/replay';
import type { Frame, Health, Snapshot } from '../shared/views';
import { startHost, type RunningHost } from './http-server';
import { Runtime } from './runtime';
import { parseTokens } from './tokens';

const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
const START = Date.parse('2025-03-03T05:10:00+08:00');
const MIN = 60_000;
const VIEWER = 'viewer-token-0123456789';
const OPERATOR = 'operator-token-0123456789';
/** A live target that never connects: the live engine stays quiet behind the replay. */
const NOWHERE = { urls: ['mqtt://127.0.0.1:9'], protocolVersion: 4 as const };

const until = async (check: () => Promise<boolean>, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('replay on the headless host', () => {
  const fridge = loadDemoPlant('fridge-plant');
  const dataDir = mkdtempSync(join(tmpdir(), 'linetwin-data-'));
  const session = join(dataDir, 'recordings', fridge.id, '20250303-051000-live');
  let runtime: Runtime;
  let host: RunningHost;
  let secured: RunningHost;
  const get = async <T>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${host.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = async <T>(path: string, body: unknown, base = host.url, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    const items = recordedSession(fridge, { format: 'uns', start: START, minutes: 30 });
    items.push({ kind: 'bookmark', at: START + 12 * MIN, bookmark: { id: 'b1', at: START + 12 * MIN, note: 'press 3 starved', by: 'Li Wei' } });
    items.sort((a, b) => a.at - b.at);
    await writeTestRecording(fridge, items, { dir: session, segmentMs: 10 * MIN, keyframeMs: MIN });
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: NOWHERE, dataDir });
    host = await startHost({ runtime, rendererDir, port: 0 });
    secured = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${VIEWER} viewer Wall\n${OPERATOR} operator Li Wei`) });
  });
  afterAll(async () => {
    await host.close();
    await secured.close();
    await runtime.stop();
  });

  it('lists the flight-recorder sessions under the data folder', async () => {
    const { status, body } = await get<RecordingEntry[]>('api/recordings');
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ path: session, plantId: fridge.id, plantName: fridge.name, start: START, segments: 4, source: 'live' });
    expect(body[0]?.end).toBeGreaterThan(START + 29 * MIN);
  });

  it('opens a recording of another plant with the plant it carries; health says replay, the snapshot is the state at the position', async () => {
    expect((await get('api/replay')).status).toBe(404);
    const opened = await post<ReplayStatus>('api/replay/open', { path: session });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ path: session, plantId: fridge.id, start: START, position: START, playing: false, speed: 1 });
    expect((await get<Health>('api/health')).body.source.kind).toBe('replay');
    // Replay never writes to the live alarm journal: its engine has none.
    expect(runtime.engine.journal).toBeUndefined();
    const t = START + 17 * MIN + 333;
    expect((await post<ReplayStatus>('api/replay/seek', { t })).body.position).toBe(t);
    const snap = (await get<Snapshot>('api/snapshot')).body;
    expect(snap).toMatchObject({ plantId: fridge.id, clock: t });
    const player = await openPlayer(fridge, session);
    await player.seek(t);
    expect(snap).toEqual(JSON.parse(JSON.stringify(player.engine.snapshot())));
    await player.stop();
    expect((await get('api/replay')).body).toEqual({ start: START, end: expect.any(Number), position: t, speed: 1, playing: false });
  });

  it('sends frames with the replay status; plays at a speed to the end', async () => {
    const frames: Frame[] = [];
    const remove = runtime.addFrameSink({ ready: () => true, send: (f) => frames.push(f) });
    await post('api/replay/play', { speed: 'max' });
    await until(async () => (await get<{ playing: boolean }>('api/replay')).body.playing === false);
    remove();
    const last = frames[frames.length - 1];
    expect(last?.replay).toMatchObject({ path: session, plantId: fridge.id });
    expect(last?.health.source.kind).toBe('replay');
    expect(frames.some((f) => Object.keys(f.stations).some((id) => fridge.lines.some((l) => l.stations.some((s) => s.id === id))))).toBe(true);
    const replay = (await get<{ position: number; end: number }>('api/replay')).body;
    expect(replay.position).toBe(replay.end);
  });

  it('refuses alarm actions in replay, and opening files outside the data folder', async () => {
    const alarm = (await get<Snapshot>('api/snapshot')).body.alarms[0];
    const ack = await post<{ error: string }>('api/alarms/ack', { id: alarm?.id ?? 'x' });
    expect(ack.status).toBe(400);
    expect(ack.body.error).toMatch(/replay/);
    const elsewhere = mkdtempSync(join(tmpdir(), 'linetwin-elsewhere-'));
    expect((await post('api/replay/open', { path: join(elsewhere, 'x.mcap') })).status).toBe(403);
    expect((await post('api/replay/open', { path: join(dataDir, 'recordings', '..', '..', 'etc') })).status).toBe(403);
    // A viewer watches the replay but does not drive it.
    const auth = { authorization: `Bearer ${VIEWER}` };
    expect((await fetch(`${secured.url}api/replay`, { headers: auth })).status).toBe(200);
    expect((await post('api/replay/seek', { t: START }, secured.url, auth)).status).toBe(403);
    expect((await post('api/replay/seek', { t: START }, secured.url, { authorization: `Bearer ${OPERATOR}` })).status).toBe(200);
  });

  it('keeps bookmarks added in replay beside the recording; the overview has bands per line, alarm markers and bookmarks', async () => {
    const b = (await runtime.request('addBookmark', { note: 'look here', at: START + 5 * MIN }, { role: 'operator', name: 'Li Wei' })) as Bookmark;
    expect(b).toMatchObject({ note: 'look here', at: START + 5 * MIN, by: 'Li Wei' });
    expect(JSON.parse(readFileSync(join(session, 'bookmarks.json'), 'utf8'))).toEqual([b]);
    let overview: ReplayOverview | undefined;
    await until(async () => {
      overview = (await runtime.request('getReplayOverview', undefined, LOCAL_OPERATOR)) as ReplayOverview;
      return !overview.partial;
    });
    expect(Object.keys(overview?.lines ?? {})).toEqual(fridge.lines.map((l) => l.id));
    for (const bands of Object.values(overview?.lines ?? {})) {
      expect(bands[0]?.start).toBe(START);
      expect(bands.some((x) => x.band === 'running')).toBe(true);
    }
    expect(overview?.alarms.length).toBeGreaterThan(0);
    expect(overview?.bookmarks.map((x) => x.note)).toEqual(['look here', 'press 3 starved']);
    expect(((await runtime.request('listBookmarks', undefined, LOCAL_OPERATOR)) as Bookmark[]).map((x) => x.id)).toEqual([b.id, 'b1']);
  });

  it('exports a time range as one MCAP file that plays alone and seeks as the original does', async () => {
    const from = START + 8 * MIN + 250;
    const to = START + 14 * MIN;
    const res = await fetch(`${host.url}api/recordings/export?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.mcap"/);
    const file = join(mkdtempSync(join(tmpdir(), 'linetwin-export-')), 'range.mcap');
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    const exported = await openPlayer(fridge, file);
    const original = await openPlayer(fridge, session);
    expect(exported.status()).toMatchObject({ start: from, end: expect.any(Number) });
    for (const t of [from, from + 61_000, to]) {
      await exported.seek(t);
      await original.seek(t);
      expect(exported.engine.snapshot()).toEqual(original.engine.snapshot());
    }
    await exported.stop();
    await original.stop();
  });

  it('goes back to live: the live plant, no replay in frames or /api/replay', async () => {
    const live = await post<{ kind: string }>('api/replay/live', {});
    expect(live.status).toBe(200);
    expect(live.body.kind).toBe('live');
    expect((await get('api/replay')).status).toBe(404);
    expect((await get<Snapshot>('api/snapshot')).body.plantId).toBe('qingdao-tire');
    expect((await get<Health>('api/health')).body.source.kind).toBe('live');
  });

  it('`serve --replay PATH` starts in replay', async () => {
    const rt = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: NOWHERE, dataDir: mkdtempSync(join(tmpdir(), 'linetwin-data-')), replay: join(session, 'seg-0001-' + String(START + 10 * MIN) + '.mcap') });
    try {
      expect(existsSync(rt.replay?.path ?? '')).toBe(true);
      expect(rt.engine.plant.id).toBe(fridge.id);
      expect(rt.engine.health().source.kind).toBe('replay');
    } finally {
      await rt.stop();
    }
  });
});
