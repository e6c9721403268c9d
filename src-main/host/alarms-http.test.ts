import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import { LOCAL_OPERATOR } from '../shared/bridge';
import type { AlarmView, Snapshot } from '../shared/views';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sim/embedded-broker';
import { startHost, type RunningHost } from './http-server';
import { BridgeRequestError, Runtime } from './runtime';
import { parseTokens } from './tokens';

const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
const ID = 'CP-01:machine/T1';
const TOKEN = 's3cret-token-0123456789';

describe('alarm operator actions over HTTP and the bridge', () => {
  let runtime: Runtime;
  let broker: EmbeddedBroker;
  let host: RunningHost;
  let secured: RunningHost;
  const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}api/alarms/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    // An empty broker, not the demo: the demo's shift history may have any station in maintenance, which suppresses its alarms.
    broker = await startEmbeddedBroker({ port: 0 });
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: { urls: [broker.url], protocolVersion: 4 }, dataDir: mkdtempSync(join(tmpdir(), 'linetwin-data-')) });
    host = await startHost({ runtime, rendererDir, port: 0 });
    secured = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${TOKEN} operator Li Wei`) });
    runtime.engine.applyEvent({ kind: 'alarm', station: 'CP-01', ts: runtime.engine.clock.now(), id: 'T1', active: true, priority: 2, text: 'Bladder pressure low' });
  });
  afterAll(async () => {
    await host.close();
    await secured.close();
    await runtime.stop();
    await broker.close();
  });

  it('lists alarms with id, station, priority, ISA-18.2 state and text, and KPIs per line, in /api/snapshot', async () => {
    const snap = (await (await fetch(`${host.url}api/snapshot`)).json()) as Snapshot;
    expect(snap.alarms.find((a) => a.id === ID)).toMatchObject({ id: ID, station: 'CP-01', priority: 2, state: 'UNACK_ACTIVE', text: 'Bladder pressure low' });
    const curing = snap.lines.curing;
    // No counts on the empty broker: figures are null until the window holds enough, but every field is there.
    for (const key of ['throughputPerHour', 'oee.value', 'oee.availability', 'oee.performance', 'oee.quality']) expect(curing).toHaveProperty(key);
    expect(Object.keys(curing?.stations ?? {})).toContain('CP-24');
  });

  it('acknowledges and shelves by the id the snapshot lists, recording who', async () => {
    const ack = await post(host.url, 'ack', { id: ID, by: 'Li Wei' });
    expect(ack.status).toBe(200);
    expect((await ack.json()) as AlarmView).toMatchObject({ id: ID, state: 'ACK_ACTIVE', lastAction: { action: 'ack', by: 'Li Wei' } });
    const before = Date.now();
    const shelve = await post(host.url, 'shelve', { id: ID, minutes: 5 });
    expect(shelve.status).toBe(200);
    const shelved = (await shelve.json()) as AlarmView;
    expect(shelved).toMatchObject({ state: 'SHELVED', lastAction: { action: 'shelve', by: 'operator' } });
    expect(shelved.shelvedUntil).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect((await post(host.url, 'unshelve', { id: ID })).status).toBe(200);
  });

  it('answers 400 with a reason for bad input and 404 for an unknown id', async () => {
    for (const [path, body] of [
      ['shelve', { id: ID, minutes: -1 }],
      ['shelve', { id: ID, minutes: 'ten' }],
      ['shelve', { id: ID }],
      ['ack', {}],
      ['ack', [ID]],
      ['ack', '{not json'],
      ['ack', { id: ID, by: '<script>' }],
    ] as const) {
      const res = await post(host.url, path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
    }
    const missing = await post(host.url, 'ack', { id: 'NO-SUCH:alarm' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no alarm with id NO-SUCH:alarm' });
    expect((await post(host.url, 'explode', { id: ID })).status).toBe(404);
  });

  it('keeps the same access rules: 401 without the token', async () => {
    expect((await post(secured.url, 'ack', { id: ID })).status).toBe(401);
    expect((await fetch(`${secured.url}api/alarms/journal.csv`)).status).toBe(401);
    expect((await post(secured.url, 'ack', { id: ID }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('exports the journal as CSV', async () => {
    await runtime.engine.journal?.flush();
    const res = await fetch(`${host.url}api/alarms/journal.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('time,ts,event,id,station,priority,state,by,value,text');
    const ours = lines.filter((l) => l.includes(ID)).map((l) => l.split(',').slice(2, 8).join(','));
    expect(ours.slice(0, 4)).toEqual([
      `ACTIVE,${ID},CP-01,2,UNACK_ACTIVE,`,
      `ACK,${ID},CP-01,2,ACK_ACTIVE,Li Wei`,
      `SHELVE,${ID},CP-01,2,SHELVED,operator`,
      `UNSHELVE,${ID},CP-01,2,ACK_ACTIVE,operator`,
    ]);
    expect(await runtime.request('exportAlarmJournal', undefined, LOCAL_OPERATOR)).toContain(`ACK,${ID}`);
  });

  it('offers the same actions, timelines and trends as bridge methods, checked', async () => {
    runtime.engine.applyEvent({ kind: 'alarm', station: 'CP-02', ts: runtime.engine.clock.now(), id: 'T2', active: true, priority: 3 });
    await expect(runtime.request('ackAllAlarms', { ids: ['CP-02:machine/T2'] }, LOCAL_OPERATOR)).resolves.toEqual({ acknowledged: 1 });
    await expect(runtime.request('setAlarmOutOfService', { id: 'CP-02:machine/T2', outOfService: true, by: 'maint' }, LOCAL_OPERATOR)).resolves.toMatchObject({ state: 'OUT_OF_SERVICE' });
    await expect(runtime.request('setAlarmOutOfService', { id: 'CP-02:machine/T2' }, LOCAL_OPERATOR)).rejects.toThrow(BridgeRequestError);
    await expect(runtime.request('shelveAlarm', { id: 'x', minutes: 100_000 }, LOCAL_OPERATOR)).rejects.toThrow(/minutes/);
    const timeline = (await runtime.request('getStateTimeline', { line: 'curing' }, LOCAL_OPERATOR)) as { stations: Record<string, unknown[]> };
    expect(Object.keys(timeline.stations)).toHaveLength(24);
    await expect(runtime.request('getStateTimeline', { station: 'nope' }, LOCAL_OPERATOR)).rejects.toThrow(BridgeRequestError);
    await expect(runtime.request('getKpiTrend', { line: 'curing' }, LOCAL_OPERATOR)).resolves.toMatchObject({ line: 'curing', t: expect.any(Array) });
  });
});
