import mqtt from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSparkplugPayload, encodeSparkplugPayload } from '../../src-main/core/decode/sparkplug-codec';
import { Runtime } from '../../src-main/host/runtime';
import type { ProfileList, ProfileSummary } from '../../src-main/shared/connection-profile';
import { LOCAL_OPERATOR } from '../../src-main/shared/bridge';
import type { SourceInfo } from '../../src-main/shared/views';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src-main/sim/embedded-broker';
import { waitFor } from '../support/brokers';
import { PLANTS_DIR } from '../support/plants';
import { builtIngestWorker } from '../support/ingest-worker';

/**
 * Ingest workers (one per live source) that are running, created and not yet exited, and the
 * publishes the engine's thread asked them for.
 */
const workers = vi.hoisted(() => ({ running: new Set<object>(), publishes: [] as string[] }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const wt = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends wt.Worker {
    constructor(...args: ConstructorParameters<typeof wt.Worker>) {
      super(...args);
      // The forecast runs on a worker of its own; only the ingest workers are counted.
      if (!String(args[0]).endsWith('mqtt-ingest-worker.js')) return;
      workers.running.add(this);
      this.once('exit', () => workers.running.delete(this));
    }

    override postMessage(...args: Parameters<InstanceType<typeof wt.Worker>['postMessage']>): void {
      const msg = args[0] as { type?: string; topic?: string };
      if (msg.type === 'publish' && msg.topic) workers.publishes.push(msg.topic);
      super.postMessage(...args);
    }
  }
  return { ...wt, Worker: CountedWorker };
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  workers.publishes.length = 0;
});

async function setup(rebirth: boolean) {
  const broker = await startEmbeddedBroker({ port: 0 });
  cleanups.push(() => broker.close());
  const runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), demoBrokerPort: 0, profile: { urls: [broker.url], protocolVersion: 4, sparkplugRebirthRequests: rebirth } });
  cleanups.push(() => runtime.stop());
  await waitFor('runtime connected', () => runtime.engine.health().source.connected);
  const edge = await mqtt.connectAsync(broker.url);
  cleanups.push(() => edge.endAsync(true));
  const commands: Array<{ topic: string; metrics: unknown }> = [];
  await edge.subscribeAsync('spBv1.0/qingdao-tire/NCMD/#');
  edge.on('message', (topic, payload) => commands.push({ topic, metrics: decodeSparkplugPayload(payload).metrics }));
  return { broker, runtime, edge, commands };
}

/** DATA before any birth: the host cannot use it and would like a rebirth. */
const dataBeforeBirth = (edge: mqtt.MqttClient): Promise<unknown> =>
  edge.publishAsync('spBv1.0/qingdao-tire/DDATA/mixing/MX-01', Buffer.from(encodeSparkplugPayload({ seq: 4, metrics: [{ alias: 3, type: 'Double', value: 1 }] })), { qos: 1 });

describe('Runtime connections', () => {
  it('publishes a Sparkplug rebirth request when the profile enables it', async () => {
    const { runtime, edge, commands } = await setup(true);
    await dataBeforeBirth(edge);
    await waitFor('NCMD rebirth', () => commands.length > 0);
    expect(workers.publishes).toEqual(['spBv1.0/qingdao-tire/NCMD/mixing']);
    expect(commands[0]).toMatchObject({ topic: 'spBv1.0/qingdao-tire/NCMD/mixing', metrics: [{ name: 'Node Control/Rebirth', value: true }] });
    expect(runtime.engine.health().stats.decodeErrorsByReason['sparkplug-before-birth']).toBe(1);
  });

  it('publishes nothing by default: a monitoring host only listens', async () => {
    const { runtime, edge, commands } = await setup(false);
    await dataBeforeBirth(edge);
    await waitFor('the DATA counted', () => runtime.engine.health().stats.decodeErrors > 0);
    // A rebirth request would be handed to the worker in the same turn the DATA was counted.
    expect(workers.publishes).toEqual([]);
    expect(commands).toEqual([]);
  });

  it('saves profiles, connects by profile id, disconnects and validates parameters', async () => {
    const { runtime, broker } = await setup(false);
    const other: EmbeddedBroker = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => other.close());
    const saved = (await runtime.request('saveProfile', { name: 'Second broker', urls: [other.url], protocolVersion: 4, username: 'viewer', password: 'pw' }, LOCAL_OPERATOR)) as ProfileSummary;
    expect(saved).toMatchObject({ name: 'Second broker', hasPassword: true });
    expect(saved).not.toHaveProperty('password');
    const list = (await runtime.request('listProfiles', undefined, LOCAL_OPERATOR)) as ProfileList;
    expect(list.profiles.map((p) => p.id)).toEqual([saved.id]);
    expect(list.passwordStorage.persistent).toBe(false);

    await runtime.request('connect', { profileId: saved.id }, LOCAL_OPERATOR);
    await waitFor('connected to the second broker', () => runtime.engine.health().source.connected);
    expect(runtime.engine.health().source).toMatchObject({ kind: 'live', url: other.url });

    const off = (await runtime.request('disconnect', undefined, LOCAL_OPERATOR)) as SourceInfo;
    expect(off).toMatchObject({ connected: false, connection: 'offline' });

    await expect(runtime.request('connect', { profileId: 'missing' }, LOCAL_OPERATOR)).rejects.toThrow(/no profile/);
    await expect(runtime.request('connect', { url: broker.url }, LOCAL_OPERATOR)).rejects.toThrow(/profileId/);
    await expect(runtime.request('connect', null, LOCAL_OPERATOR)).rejects.toThrow(/profileId/);
    await expect(runtime.request('saveProfile', { name: 'x', urls: ['ftp://x'], protocolVersion: 4 }, LOCAL_OPERATOR)).rejects.toThrow(/unsupported scheme/);
    await expect(runtime.request('saveProfile', { name: 'x', urls: [other.url], protocolVersion: 4, password: 'pw' }, LOCAL_OPERATOR)).rejects.toThrow(/username: MQTT 3.1.1 needs/);

    await runtime.request('connect', { demo: true }, LOCAL_OPERATOR);
    await waitFor('demo connected', () => runtime.engine.health().source.connected);
    expect(runtime.engine.health().source.kind).toBe('demo');
    await waitFor('demo data', () => runtime.engine.health().stats.messages > 10);
  });

  it('two overlapping connects leave exactly one live source: the one asked for last', async () => {
    const { runtime, broker } = await setup(false);
    const other = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => other.close());
    const a = (await runtime.request('saveProfile', { name: 'First', urls: [broker.url], protocolVersion: 4 }, LOCAL_OPERATOR)) as ProfileSummary;
    const b = (await runtime.request('saveProfile', { name: 'Second', urls: [other.url], protocolVersion: 4 }, LOCAL_OPERATOR)) as ProfileSummary;

    await Promise.all([runtime.request('connect', { profileId: a.id }, LOCAL_OPERATOR), runtime.request('connect', { profileId: b.id }, LOCAL_OPERATOR)]);
    expect(workers.running.size).toBe(1);
    await waitFor('connected to the second broker', () => runtime.engine.health().source.connected);
    expect(runtime.engine.health().source).toMatchObject({ kind: 'live', url: other.url });
  });

  it('a plant change overlapping a connect leaves one source, on the new plant', async () => {
    const { runtime } = await setup(false);
    const other = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => other.close());
    const saved = (await runtime.request('saveProfile', { name: 'Other', urls: [other.url], protocolVersion: 4 }, LOCAL_OPERATOR)) as ProfileSummary;

    await Promise.all([runtime.request('connect', { profileId: saved.id }, LOCAL_OPERATOR), runtime.request('selectPlant', { id: 'qingdao-fridge' }, LOCAL_OPERATOR)]);
    expect(workers.running.size).toBe(1);
    expect(runtime.engine.plant.id).toBe('qingdao-fridge');
    await waitFor('the new plant connected to the other broker', () => runtime.engine.health().source.connected);
    expect(runtime.engine.health().source).toMatchObject({ kind: 'live', url: other.url });
  });

  it('a connect queued behind stop starts nothing', async () => {
    const { runtime, broker } = await setup(false);
    const saved = (await runtime.request('saveProfile', { name: 'Again', urls: [broker.url], protocolVersion: 4 }, LOCAL_OPERATOR)) as ProfileSummary;
    const stopped = runtime.stop();
    await expect(runtime.request('connect', { profileId: saved.id }, LOCAL_OPERATOR)).rejects.toThrow(/stopped/);
    await stopped;
    expect(workers.running.size).toBe(0);
  });
});
