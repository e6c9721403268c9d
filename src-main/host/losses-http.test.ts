import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import type { LossesView } from '../shared/losses';
import { startHost, type RunningHost } from './http-server';
import { Runtime } from './runtime';
import { parseTokens } from './tokens';

const TOKEN = 'viewer-token-0123456789abc';
const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

describe('losses and reports over HTTP', () => {
  let runtime: Runtime;
  let host: RunningHost;

  beforeAll(async () => {
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), demoBrokerPort: 0, dataDir: mkdtempSync(join(tmpdir(), 'linetwin-data-')), recording: { off: true } });
    host = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${TOKEN} viewer Wall display`) });
  });
  afterAll(async () => {
    await host.close();
    await runtime.stop();
  });

  const get = (path: string, token = TOKEN): Promise<Response> => fetch(`${host.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

  it('answers a viewer with the current shift’s losses of a line, and 404 for a line the plant lacks', async () => {
    await expect.poll(() => runtime.engine.health().stats.messages, { timeout: 10_000 }).toBeGreaterThan(0);
    const res = await get('api/losses?line=curing');
    expect(res.status).toBe(200);
    const view = (await res.json()) as LossesView;
    expect(view).toMatchObject({ plantId: runtime.engine.plant.id, line: 'curing' });
    expect(view.waterfall.steps.length).toBeGreaterThan(0);
    const units = view.waterfall.steps.reduce((sum, s) => sum + s.units, 0);
    expect(view.waterfall.calendarUnits - units).toBeCloseTo(view.waterfall.good, 6);
    expect((await get('api/losses?line=nope')).status).toBe(404);
    expect((await get('api/losses?line=curing', 'wrong-token-0123456789')).status).toBe(401);
  });

  it('lists the reports and serves only listed report files', async () => {
    const res = await get('api/reports');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    expect((await get('api/reports/index.json')).status).toBe(404);
    expect((await get('api/reports/%E0%A4%A')).status).toBe(404);
    await expect(runtime.request('getReport', { name: '../index.json' }, { role: 'viewer' })).rejects.toThrow(/listed report/);
  });
});
