import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import type { WireMessage } from '../shared/bridge';
import type { Frame } from '../shared/views';
import { startHost, type RunningHost } from './http-server';
import { Runtime } from './runtime';
import { readStatic } from './static-files';
import { parseTokens } from './tokens';

const TOKEN = 's3cret-token-0123456789';
const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

describe('headless host', () => {
  let runtime: Runtime;
  let host: RunningHost;
  let secured: RunningHost;

  beforeAll(async () => {
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), demoBrokerPort: 0, simSpeed: 5 });
    host = await startHost({ runtime, rendererDir, port: 0 });
    secured = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${TOKEN} viewer Wall display`) });
  });
  afterAll(async () => {
    await host.close();
    await secured.close();
    await runtime.stop();
  });

  it('binds to 127.0.0.1 and serves the renderer with a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${host.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('reports health and a snapshot with every station of the plant', async () => {
    await expect.poll(() => runtime.engine.health().stats.messages, { timeout: 10_000 }).toBeGreaterThan(0);
    const health = (await (await fetch(`${host.url}api/health`)).json()) as { ok: boolean; source: { kind: string; connected: boolean }; stats: { messages: number } };
    expect(health).toMatchObject({ ok: true, source: { kind: 'demo', connected: true } });
    expect(health.stats.messages).toBeGreaterThan(0);
    const snap = (await (await fetch(`${host.url}api/snapshot`)).json()) as { plantId: string; stations: Record<string, unknown> };
    const expected = runtime.engine.plant.lines.flatMap((l) => l.stations.map((s) => s.id)).sort();
    expect(Object.keys(snap.stations).sort()).toEqual(expected);
  });

  it('serves the bridge on /ws: requests answered, frames streamed, bad requests counted', async () => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws`);
    const messages: WireMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as WireMessage));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'req', id: 7, method: 'getPlant' }));
    ws.send(JSON.stringify({ type: 'req', id: 8, method: 'rm -rf' }));
    ws.send('not json');
    await expect.poll(() => messages.filter((m) => m.type === 'res').length, { timeout: 5000 }).toBe(2);
    const res7 = messages.find((m) => m.type === 'res' && m.id === 7);
    expect(res7).toMatchObject({ ok: true, result: { id: 'qingdao-tire' } });
    expect(messages.find((m) => m.type === 'res' && m.id === 8)).toMatchObject({ ok: false, error: expect.stringContaining('unknown method') });
    await expect.poll(() => messages.filter((m) => m.type === 'stream' && m.stream === 'frame').length, { timeout: 5000 }).toBeGreaterThan(1);
    const first = messages.find((m) => m.type === 'stream' && m.stream === 'frame') as { value: Frame };
    expect(Object.keys(first.value.stations).length).toBe(Object.keys(runtime.engine.snapshot().stations).length);
    expect(runtime.engine.health().stats.droppedByBuffer['bridge-bad-request']).toBe(1);
    ws.close();
  });

  it('with tokens, refuses /api and /ws without one and accepts a Bearer header', async () => {
    expect((await fetch(`${secured.url}api/health`)).status).toBe(401);
    expect((await fetch(`${secured.url}api/health`, { headers: { authorization: 'Bearer wrong!' } })).status).toBe(401);
    expect((await fetch(`${secured.url}api/health`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const refused = new WebSocket(`${secured.url.replace('http', 'ws')}ws`);
    await expect(new Promise((ok, fail) => { refused.once('open', ok); refused.once('error', fail); })).rejects.toThrow(/401/);
  });
});

describe('static files', () => {
  it('never serves a file outside the renderer folder', async () => {
    expect(await readStatic(rendererDir, '/../../etc/passwd')).toBeUndefined();
    expect(await readStatic(rendererDir, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(await readStatic(rendererDir, '/%E0%A4%A')).toBeUndefined();
    expect((await readStatic(rendererDir, '/'))?.type).toMatch(/text\/html/);
  });
});
