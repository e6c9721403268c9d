import { mkdtempSync, writeFileSync } from 'node:fs';
import { recordSimulation } from '../sim/sim-recording';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPlant, PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import type { ForecastView, WhatIfView } from '../shared/forecast';
import { startHost, type RunningHost } from './http-server';
import { Runtime } from './runtime';
import { parseTokens } from './tokens';

const VIEWER = 'viewer-token-0123456789';
const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

describe('forecast on the headless host (demo)', () => {
  let runtime: Runtime;
  let host: RunningHost;
  let secured: RunningHost;
  const get = async <T>(path: string, base = host.url, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = async <T>(path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, base = host.url): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as T };
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'linetwin-data-'));
  const recording = join(dataDir, 'recordings', 'tire', 'sim');

  beforeAll(async () => {
    await recordSimulation({ plant: loadDemoPlant('tire-plant'), dir: recording, format: 'uns', scenario: 'normal', seed: 1, start: Date.UTC(2026, 0, 5, 22, 0), durationMs: 5 * 60_000, library: 'linetwin test' });
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), demoBrokerPort: 0, dataDir, recording: { off: true } });
    host = await startHost({ runtime, rendererDir, port: 0 });
    secured = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${VIEWER} viewer Wall`) });
  });
  afterAll(async () => {
    await host.close();
    await secured.close();
    await runtime.stop();
  });

  it('forecasts every line of the demo to shift end on the worker, within seconds of start', async () => {
    const end = Date.now() + 15_000;
    let forecast: ForecastView | null = null;
    while (!forecast && Date.now() < end) {
      forecast = (await get<ForecastView | null>('api/forecast')).body;
      if (!forecast) await new Promise((r) => setTimeout(r, 200));
    }
    if (!forecast) throw new Error('no forecast within 15 s');
    const plant = runtime.engine.plant;
    expect(Object.keys(forecast.lines).sort()).toEqual(plant.lines.map((l) => l.id).sort());
    expect(forecast.replications).toBe(30);
    expect(forecast.horizonEnd).toBe(runtime.engine.snapshot().lines[plant.lines[0]?.id ?? '']?.shift?.end);
    const one = await get<ForecastView>(`api/forecast?line=${plant.lines[0]?.id ?? ''}`);
    expect(Object.keys(one.body.lines)).toEqual([plant.lines[0]?.id]);
    expect((await get('api/forecast?line=nope')).status).toBe(404);
  }, 30_000);

  it('answers a what-if with baseline, changed forecast and the difference; a bad one with the reason', async () => {
    const line = runtime.engine.plant.lines.find((l) => l.stations.length === 1 || l.stations.some((s) => s.type === 'xray'));
    const station = line?.stations.find((s) => s.type === 'xray')?.id ?? line?.stations[0]?.id;
    const ok = await post<WhatIfView>('api/forecast/what-if', JSON.stringify({ changes: [{ kind: 'down', station, minutes: 60 }], line: line?.id }));
    expect(ok.status).toBe(200);
    expect(ok.body.baseline.replications).toBe(30);
    expect(Object.keys(ok.body.changed.lines)).toEqual([line?.id]);
    expect(ok.body.difference[line?.id ?? '']).toBeLessThan(0);
    expect((await post<{ error: string }>('api/forecast/what-if', JSON.stringify({ changes: [{ kind: 'down', station, minutes: -1 }] }))).body.error).toMatch(/minutes/);
    expect((await post('api/forecast/what-if', JSON.stringify({ changes: [{ kind: 'down', station: 'NOPE', minutes: 5 }] }))).status).toBe(400);
    expect((await post('api/forecast/what-if', 'changes', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('api/forecast/what-if', '{}', { 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
  }, 60_000);

  it('has no forecast over a replay (it is the live plant’s) and refuses a what-if there', async () => {
    expect((await post('api/replay/open', JSON.stringify({ path: recording }))).status).toBe(200);
    try {
      expect((await get('api/forecast')).body).toBeNull();
      const r = await post<{ error: string }>('api/forecast/what-if', JSON.stringify({ changes: [{ kind: 'cycle', station: 'XR-01', factor: 1.1 }] }));
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/replay/);
    } finally {
      await post('api/replay/live', '{}');
    }
    expect((await get('api/forecast')).body).not.toBeNull();
  }, 60_000);

  it('lets a viewer read the forecast and try a what-if (it changes nothing), and refuses a request without a token', async () => {
    const auth = { authorization: `Bearer ${VIEWER}` };
    expect((await get('api/forecast', secured.url, auth)).status).toBe(200);
    expect((await get('api/forecast', secured.url)).status).toBe(401);
    const station = runtime.engine.plant.lines[0]?.stations[0]?.id;
    const r = await post('api/forecast/what-if', JSON.stringify({ changes: [{ kind: 'cycle', station, factor: 1.2 }] }), { 'content-type': 'application/json', ...auth }, secured.url);
    expect(r.status).toBe(200);
  }, 60_000);
});
