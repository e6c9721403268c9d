import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import type { ItemCard, LotView, StationItems } from '../shared/trace';
import type { Health } from '../shared/views';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sim/embedded-broker';
import { startHost, type RunningHost } from './http-server';
import { BridgeRequestError, Runtime } from './runtime';
import { parseTokens } from './tokens';

const rendererDir = mkdtempSync(join(tmpdir(), 'linetwin-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
const VIEWER = 'viewer-token-0123456789abc';
const TIRE = 'E28011000000000000000ABC';

describe('traceability over HTTP and the bridge', () => {
  let runtime: Runtime;
  let broker: EmbeddedBroker;
  let host: RunningHost;
  let secured: RunningHost;
  let t0: number;

  beforeAll(async () => {
    broker = await startEmbeddedBroker({ port: 0 });
    runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: { urls: [broker.url], protocolVersion: 4 }, dataDir: mkdtempSync(join(tmpdir(), 'linetwin-data-')) });
    host = await startHost({ runtime, rendererDir, port: 0 });
    secured = await startHost({ runtime, rendererDir, port: 0, tokens: parseTokens(`${VIEWER} viewer Wall display`) });
    const e = runtime.engine;
    t0 = e.clock.now() - 60_000;
    const item = (event: string, station: string, ts: number, more: Record<string, unknown> = {}) => e.applyEvent({ kind: 'item', line: 'building', station, ts, item: TIRE, event, ...more } as never);
    e.applyEvent({ kind: 'item', line: 'components', station: 'EX-T1', ts: t0 - 5000, item: 'TR260301-00001', event: 'produce', productKind: 'tread' });
    item('enter', 'TB-01', t0);
    item('produce', 'TB-01', t0, { productKind: 'green-tire' });
    item('consume', 'TB-01', t0, { parts: ['TR260301-00001'] });
    item('leave', 'TB-01', t0 + 1000);
    const deadline = Date.now() + 5000;
    while (((await (await fetch(`${host.url}api/health`)).json()) as Health).trace?.written !== 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await host.close();
    await secured.close();
    await runtime.stop();
    await broker.close();
  });

  it('shows the genealogy store in /api/health', async () => {
    const health = (await (await fetch(`${host.url}api/health`)).json()) as Health;
    expect(health.trace).toMatchObject({ backend: 'sqlite', ok: true, written: 5, dropped: 0, retentionDays: 90 });
  });

  it('answers GET /api/trace/item/{id} with the route and lots', async () => {
    const res = await fetch(`${host.url}api/trace/item/${TIRE}`);
    expect(res.status).toBe(200);
    const card = (await res.json()) as ItemCard;
    expect(card.item).toMatchObject({ id: TIRE, kind: 'green-tire', madeAt: 'TB-01', line: 'building' });
    expect(card.route).toEqual([expect.objectContaining({ station: 'TB-01', enter: t0, leave: t0 + 1000, outcome: 'leave' })]);
    expect(card.parts.map((p) => [p.id, p.kind])).toEqual([['TR260301-00001', 'tread']]);
  });

  it('answers GET /api/trace/lot/{id} with what it went into, and station ranges', async () => {
    const lot = (await (await fetch(`${host.url}api/trace/lot/TR260301-00001`)).json()) as LotView;
    expect(lot.lot).toMatchObject({ kind: 'tread', madeAt: 'EX-T1' });
    expect(lot.items.map((i) => i.id)).toEqual([TIRE]);
    expect(lot.verdicts.open).toBe(1);
    const station = (await (await fetch(`${host.url}api/trace/station/TB-01?from=${t0 - 1}&to=${t0 + 1}`)).json()) as StationItems;
    expect(station.visits.map((v) => v.item)).toEqual([TIRE]);
  });

  it('answers 404 for an unknown id or station, 400 for a bad range', async () => {
    expect((await fetch(`${host.url}api/trace/item/NOPE`)).status).toBe(404);
    expect((await fetch(`${host.url}api/trace/lot/NOPE`)).status).toBe(404);
    expect((await fetch(`${host.url}api/trace/station/NOPE`)).status).toBe(404);
    expect((await fetch(`${host.url}api/trace/station/TB-01?from=5&to=1`)).status).toBe(400);
    expect((await fetch(`${host.url}api/trace/station/TB-01?from=abc`)).status).toBe(400);
    expect((await fetch(`${host.url}api/trace/widget/x`)).status).toBe(404);
  });

  it('lets a viewer read, and no one without a token', async () => {
    expect((await fetch(`${secured.url}api/trace/item/${TIRE}`)).status).toBe(401);
    const res = await fetch(`${secured.url}api/trace/item/${TIRE}`, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(res.status).toBe(200);
  });

  it('offers search, quality and verdicts as bridge methods, checked', async () => {
    const viewer = { role: 'viewer' as const };
    expect(await runtime.request('traceSearch', { prefix: 'E2801100' }, viewer)).toEqual([{ id: TIRE, kind: 'green-tire', isLot: false }]);
    expect(await runtime.request('traceQuality', { line: 'finishing', from: 0, to: t0 + 1e6 }, viewer)).toMatchObject({ tested: 0, firstPassYield: null });
    await expect(runtime.request('traceQuality', { line: 'nope', from: 0, to: 1 }, viewer)).rejects.toMatchObject({ status: 404 });
    await expect(runtime.request('traceVerdicts', { from: 0, to: 1, verdict: 'meh' }, viewer)).rejects.toBeInstanceOf(BridgeRequestError);
    await expect(runtime.request('traceItem', { id: 5 }, viewer)).rejects.toMatchObject({ status: 400 });
  });
});
