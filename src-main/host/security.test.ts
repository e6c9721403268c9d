import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../../test/support/brokers';
import { PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import type { WireMessage } from '../shared/bridge';
import type { AlarmView, Snapshot } from '../shared/views';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sim/embedded-broker';
import { startHost, type RunningHost } from './http-server';
import { Runtime } from './runtime';
import { parseTokens } from './tokens';

const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
const OP = 'op-token-0123456789abcdef';
const VIEW = 'view-token-0123456789abcdef';
const ID = 'CP-01:machine/S1';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: fetch would not send a Host header of our choosing. */
function raw(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

function openWs(base: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}ws`, { headers });
  return new Promise((ok, fail) => {
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
  });
}

function call(ws: WebSocket, id: number, method: string, params?: unknown): Promise<WireMessage> {
  return new Promise((ok) => {
    const onMessage = (d: WebSocket.RawData): void => {
      const msg = JSON.parse(String(d)) as WireMessage;
      if (msg.type !== 'res' || msg.id !== id) return;
      ws.off('message', onMessage);
      ok(msg);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'req', id, method, params }));
  });
}

describe('headless host security', () => {
  let runtime: Runtime;
  let broker: EmbeddedBroker;
  let open: RunningHost;
  let secured: RunningHost;
  const logged: string[] = [];
  const alarmState = (): string | undefined => runtime.engine.snapshot().alarms.find((a) => a.id === ID)?.state;
  const json = (origin?: string): Record<string, string> => ({ 'content-type': 'application/json', ...(origin ? { origin } : {}) });

  beforeAll(async () => {
    // An empty broker, not the demo: the demo's shift history may have any station in maintenance, which suppresses its alarms.
    broker = await startEmbeddedBroker({ port: 0 });
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: { urls: [broker.url], protocolVersion: 4 }, dataDir: mkdtempSync(join(tmpdir(), 'linetwin-data-')) });
    open = await startHost({ runtime, rendererDir, port: 0, allowedOrigins: ['http://wall.plant.local:8000'], log: (l) => logged.push(l) });
    secured = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${OP} operator Li Wei\n${VIEW} viewer Wall display`), log: (l) => logged.push(l) });
    // A viewer's refused disconnect is proven by the source still connected afterwards.
    await waitFor('the source connected', () => runtime.engine.health().source.connected);
    runtime.engine.applyEvent({ kind: 'alarm', station: 'CP-01', ts: runtime.engine.clock.now(), id: 'S1', active: true, priority: 1, text: 'Steam pressure low' });
  });
  afterAll(async () => {
    await open.close();
    await secured.close();
    await runtime.stop();
    await broker.close();
  });

  it('refuses a /ws upgrade from another origin, accepts its own and configured ones', async () => {
    await expect(openWs(open.url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openWs(open.url, { origin: 'null' })).rejects.toThrow(/403/);
    const own = await openWs(open.url, { origin: open.url.replace(/\/$/, '') });
    own.close();
    const configured = await openWs(open.url, { origin: 'http://wall.plant.local:8000' });
    configured.close();
  });

  it('refuses a cross-site text/plain form POST to ack-all and a JSON POST from another origin', async () => {
    expect(alarmState()).toBe('UNACK_ACTIVE');
    const form = await raw(open.url, '/api/alarms/ack-all', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body: '{"x":"="}' });
    expect([403, 415]).toContain(form.status);
    const plain = await raw(open.url, '/api/alarms/ack-all', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    const noType = await raw(open.url, '/api/alarms/ack-all', { method: 'POST', body: '{}' });
    expect(noType.status).toBe(415);
    const foreign = await raw(open.url, '/api/alarms/ack-all', { method: 'POST', headers: json('http://evil.example'), body: '{}' });
    expect(foreign.status).toBe(403);
    expect(alarmState()).toBe('UNACK_ACTIVE');
  });

  it('answers only to the names it is bound to (DNS rebinding)', async () => {
    const port = String(open.port);
    for (const host of ['evil.example', `evil.example:${port}`, `127.evil.example:${port}`]) {
      expect((await raw(open.url, '/api/health', { headers: { host } })).status, host).toBe(403);
      expect((await raw(open.url, '/', { headers: { host } })).status, host).toBe(403);
    }
    const ws = new WebSocket(`${open.url.replace('http', 'ws')}ws`, { headers: { host: `evil.example:${port}` } });
    await expect(new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); })).rejects.toThrow(/403/);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await raw(open.url, '/api/health', { headers: { host } })).status, host).toBe(200);
  });

  it('acts for the local user without tokens on loopback: own-origin JSON POST acknowledges, with the name given', async () => {
    const res = await raw(open.url, '/api/alarms/ack', { method: 'POST', headers: json(open.url.replace(/\/$/, '')), body: JSON.stringify({ id: ID, by: 'Zhang San' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body) as AlarmView).toMatchObject({ state: 'ACK_ACTIVE', lastAction: { by: 'Zhang San' } });
  });

  it('refuses a viewer token any action (403 over HTTP, a refusal over /ws) and lets it read', async () => {
    runtime.engine.applyEvent({ kind: 'alarm', station: 'CP-02', ts: runtime.engine.clock.now(), id: 'S2', active: true, priority: 2 });
    const viewer = { authorization: `Bearer ${VIEW}` };
    expect((await raw(secured.url, '/api/snapshot', { headers: viewer })).status).toBe(200);
    const ack = await raw(secured.url, '/api/alarms/ack', { method: 'POST', headers: { ...json(), ...viewer }, body: JSON.stringify({ id: 'CP-02:machine/S2' }) });
    expect(ack.status).toBe(403);
    const ws = await openWs(secured.url, viewer);
    expect(await call(ws, 1, 'getSnapshot')).toMatchObject({ ok: true });
    expect(await call(ws, 2, 'getCaller')).toMatchObject({ ok: true, result: { role: 'viewer', name: 'Wall display' } });
    for (const [i, [method, params]] of ([['ackAlarm', { id: 'CP-02:machine/S2' }], ['ackAllAlarms', {}], ['connect', { demo: true }], ['disconnect', undefined], ['saveProfile', { name: 'x', urls: ['mqtt://x'], protocolVersion: 4 }]] as const).entries()) {
      expect(await call(ws, 10 + i, method, params), method).toMatchObject({ ok: false, error: expect.stringMatching(/operator/) });
    }
    ws.close();
    expect(runtime.engine.snapshot().alarms.find((a) => a.id === 'CP-02:machine/S2')?.state).toBe('UNACK_ACTIVE');
    expect(runtime.engine.health().source.connected).toBe(true);
  });

  it("records an operator token's name as who acted, never the name the client sends", async () => {
    const operator = { authorization: `Bearer ${OP}` };
    const res = await raw(secured.url, '/api/alarms/ack', { method: 'POST', headers: { ...json(), ...operator }, body: JSON.stringify({ id: 'CP-02:machine/S2', by: 'Mallory' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body) as AlarmView).toMatchObject({ state: 'ACK_ACTIVE', lastAction: { by: 'Li Wei' } });
    runtime.engine.applyEvent({ kind: 'alarm', station: 'CP-03', ts: runtime.engine.clock.now(), id: 'S3', active: true, priority: 2 });
    const ws = await openWs(secured.url, operator);
    expect(await call(ws, 1, 'ackAlarm', { id: 'CP-03:machine/S3', by: 'Mallory' })).toMatchObject({ ok: true, result: { lastAction: { by: 'Li Wei' } } });
    ws.close();
    await runtime.engine.journal?.flush();
    const csv = (await raw(secured.url, '/api/alarms/journal.csv', { headers: operator })).body;
    expect(csv).toContain(',ACK,CP-02:machine/S2,CP-02,2,ACK_ACTIVE,Li Wei,');
    expect(csv).toContain(',ACK,CP-03:machine/S3,CP-03,2,ACK_ACTIVE,Li Wei,');
    expect(csv).not.toContain('Mallory');
  });

  it('moves ?token= from the URL into an HttpOnly SameSite=Strict cookie, which then opens /api and /ws', async () => {
    const first = await raw(secured.url, `/?token=${VIEW}&lang=zh`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/?lang=zh');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const pair = cookie.split(';')[0] ?? '';
    expect((await raw(secured.url, '/api/health', { headers: { cookie: pair } })).status).toBe(200);
    const ws = await openWs(secured.url, { cookie: pair });
    ws.close();
    expect((await raw(secured.url, `/?token=wrong-token-0123456789`)).status).toBe(401);
    expect((await raw(secured.url, `/api/health?token=${VIEW}`)).status).toBe(401);
    expect((await raw(secured.url, '/api/health', { headers: { cookie: `${pair.split('=')[0] ?? ''}=wrong-token-0123456789` } })).status).toBe(401);
  });

  it('answers an unexpected failure with a generic error and an id, and logs the exception with it', async () => {
    const spy = vi.spyOn(runtime, 'request').mockRejectedValueOnce(new Error('ENOENT /home/operator/secret.json'));
    const res = await raw(open.url, '/api/alarms/ack', { method: 'POST', headers: json(), body: JSON.stringify({ id: ID }) });
    spy.mockRestore();
    expect(res.status).toBe(500);
    const body = JSON.parse(res.body) as { error: string; id: string };
    expect(body).toEqual({ error: 'internal error', id: expect.stringMatching(/^[0-9a-f]{8,}$/) });
    expect(res.body).not.toContain('secret');
    expect(logged.find((l) => l.includes(body.id))).toContain('ENOENT /home/operator/secret.json');
  });

  it('keeps the snapshot readable to the local user', async () => {
    const snap = JSON.parse((await raw(open.url, '/api/snapshot')).body) as Snapshot;
    expect(snap.alarms.find((a) => a.id === ID)?.state).toBe('ACK_ACTIVE');
  });
});
