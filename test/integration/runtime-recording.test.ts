import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { Runtime } from '../../src-main/host/runtime';
import { LOCAL_OPERATOR } from '../../src-main/shared/bridge';
import { startEmbeddedBroker } from '../../src-main/sim/embedded-broker';
import { waitFor } from '../support/brokers';
import { builtIngestWorker } from '../support/ingest-worker';
import { readIndexed } from '../support/mcap-read';
import { PLANTS_DIR } from '../support/plants';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Runtime flight recorder', () => {
  it('records a live session under <data-dir>/recordings: messages as received, status changes and operator actions; health shows it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'linetwin-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const broker = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: { urls: [broker.url], protocolVersion: 4 }, dataDir });
    let stopped = false;
    cleanups.push(() => (stopped ? Promise.resolve() : runtime.stop()));
    await waitFor('runtime connected', () => runtime.engine.health().source.connected);

    const edge = await mqtt.connectAsync(broker.url);
    cleanups.push(() => edge.endAsync(true));
    const state = JSON.stringify({ ts: Date.now(), state: 'FAULT', reason: 'jam' });
    const alarm = JSON.stringify({ ts: Date.now(), id: 'jam', active: true, priority: 2, text: 'jam' });
    await edge.publishAsync('qingdao/tire-plant/mixing/MX-01/state', state, { qos: 1 });
    await edge.publishAsync('qingdao/tire-plant/mixing/MX-01/alarm', alarm, { qos: 1 });
    await waitFor('messages ingested', () => runtime.engine.health().stats.messages >= 2);
    await waitFor('alarm raised', () => runtime.engine.alarms.views().length > 0);
    const acked = (await runtime.request('ackAllAlarms', { by: 'li' }, LOCAL_OPERATOR)) as { acknowledged: number };
    expect(acked.acknowledged).toBeGreaterThan(0);

    const health = runtime.engine.health();
    expect(health.recorder).toMatchObject({ on: true, deletedSegments: 0, droppedMessages: 0 });
    expect(health.recorder?.dir).toMatch(new RegExp(`^${join(dataDir, 'recordings', 'qingdao-tire')}/\\d{8}-\\d{6}-live$`));
    const dir = health.recorder?.dir as string;
    await runtime.stop();
    stopped = true;

    const files = (await readdir(dir)).filter((f) => f.endsWith('.mcap'));
    expect(files).toHaveLength(1);
    const seg = await readIndexed(join(dir, files[0] as string));
    expect(seg.header?.library).toBe('linetwin');
    expect(seg.metadata.get('linetwin.session')?.get('source')).toBe('live');
    expect(seg.metadata.get('linetwin.session')?.get('url')).toBe(broker.url);
    const topics = seg.messages.map((m) => m.topic);
    expect(seg.messages.find((m) => m.topic === 'qingdao/tire-plant/mixing/MX-01/state')?.text).toBe(state);
    expect(seg.messages.find((m) => m.topic === 'qingdao/tire-plant/mixing/MX-01/alarm')?.text).toBe(alarm);
    const statuses = seg.messages.filter((m) => m.topic === 'linetwin/status').map((m) => JSON.parse(m.text) as { connection: string; kind: string });
    expect(statuses.map((s) => s.connection)).toContain('connected');
    expect(statuses.every((s) => s.kind === 'live')).toBe(true);
    // The source stopping is recorded too, before the segment is closed.
    expect(statuses.at(-1)?.connection).toBe('offline');
    const actions = seg.messages.filter((m) => m.topic === 'linetwin/actions').map((m) => JSON.parse(m.text) as { kind: string; by: string });
    expect(actions).toEqual([expect.objectContaining({ kind: 'ackAll', by: 'li' })]);
    expect(topics.indexOf('linetwin/actions')).toBeGreaterThan(topics.indexOf('qingdao/tire-plant/mixing/MX-01/alarm'));
  });

  it('records nothing with recording off or without a data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'linetwin-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const broker = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => broker.close());
    for (const opts of [{ dataDir, recording: { off: true } }, {}]) {
      const runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), profile: { urls: [broker.url], protocolVersion: 4 }, ...opts });
      await waitFor('runtime connected', () => runtime.engine.health().source.connected);
      expect(runtime.engine.health().recorder).toBeUndefined();
      await runtime.stop();
    }
    // The genealogy store is kept in the data folder whether or not sessions are recorded.
    expect((await readdir(dataDir, { recursive: true })).filter((f) => f.includes('recordings') || f.endsWith('.mcap'))).toEqual([]);
  });
});
