import { createServer, type AddressInfo } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src-main/core/clock';
import { Engine } from '../../src-main/core/engine';
import { LivePlayer } from '../../src-main/core/player';
import type { ConnectionProfile } from '../../src-main/shared/connection-profile';
import { startEmbeddedBroker } from '../../src-main/sim/embedded-broker';
import { hasMosquitto, startMosquitto, waitFor } from '../support/brokers';
import { builtIngestWorker } from '../support/ingest-worker';
import { tinyPlant } from '../support/plants';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function live(profile: ConnectionProfile) {
  const engine = new Engine({ plant: tinyPlant({ staleAfterSeconds: 60 }), clock: new SystemClock() });
  const player = new LivePlayer(engine, profile, builtIngestWorker());
  cleanups.push(() => player.stop());
  void player.start();
  return { engine, station: (id = 'A') => engine.state.station(id), source: () => engine.health().source };
}

async function publisher(url: string, protocolVersion: 4 | 5 = 4, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { protocolVersion, reconnectPeriod: 100, connectTimeout: 2000, ...opts });
  cleanups.push(() => client.endAsync(true));
  return client;
}

const json = (v: unknown): string => JSON.stringify(v);

describe('live ingest from the embedded broker (aedes)', () => {
  it('takes retained messages as last-known values, then live data; bad payloads are counted, not fatal', async () => {
    const broker = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const pub = await publisher(broker.url);
    await pub.publishAsync('test/tiny/L1/A/state', json({ ts: Date.now(), state: 'BLOCKED', reason: 'output full' }), { retain: true, qos: 1 });

    const t = live({ urls: [broker.url], protocolVersion: 4 });
    await waitFor('retained state', () => t.station()?.state === 'BLOCKED');
    expect(t.station()).toMatchObject({ stale: false, reason: 'output full' });

    await pub.publishAsync('test/tiny/L1/A/metrics', '{not json', { qos: 1 });
    await pub.publishAsync('test/tiny/L1/A/metrics', Buffer.from([0xc3, 0x28]), { qos: 1 });
    await pub.publishAsync('test/tiny/L1/A/count', json({ good: 'many', reject: 0 }), { qos: 1 });
    await pub.publishAsync('test/tiny/L1/A/somewhere-else', '{}', { qos: 1 });
    await pub.publishAsync('test/tiny/L1/A/count', json({ ts: Date.now(), good: 7, reject: 1 }), { qos: 1 });
    await waitFor('count after bad input', () => t.station()?.good === 7);
    const stats = t.engine.health().stats;
    expect(stats.decodeErrorsByReason).toMatchObject({ 'invalid-json': 1, 'invalid-utf8': 1, 'bad-value': 1 });
    expect(stats.unknownTopics).toBe(1);
    expect(t.source()).toMatchObject({ connected: true, connection: 'connected', url: broker.url });
  });

  it('shows connected only once the subscriptions are acknowledged, with the refusal as last error', async () => {
    const { Aedes } = await import('aedes');
    const aedes = await Aedes.createBroker({ authorizeSubscribe: (_client, _sub, done) => done(null, null) });
    const server = createServer((socket) => aedes.handle(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => aedes.close(() => server.close(() => resolve()))));
    const t = live({ urls: [`mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`], protocolVersion: 4 });
    await waitFor('connected', () => t.source().connected);
    expect(t.source().lastError).toMatch(/subscribe failed/);
  });

  it('fails over to the next URL when the first broker is unreachable', async () => {
    const broker = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const t = live({ urls: ['mqtt://127.0.0.1:1', broker.url], protocolVersion: 4 });
    await waitFor('failover connection', () => t.source().connection === 'connected');
    expect(t.source().url).toBe(broker.url);
  });
});

describe.skipIf(!hasMosquitto)('live ingest from mosquitto', () => {
  for (const version of [4, 5] as const) {
    it(`receives data over MQTT ${version === 5 ? '5' : '3.1.1'}`, async () => {
      const m = await startMosquitto();
      cleanups.push(() => m.stop());
      const t = live({ urls: [m.url], protocolVersion: version });
      await waitFor('connected', () => t.source().connected);
      const pub = await publisher(m.url, version);
      await pub.publishAsync('test/tiny/L1/B/metrics', json({ ts: Date.now(), values: { speed: 1.5 } }), { qos: 1 });
      await waitFor('metrics', () => t.station('B')?.metrics.speed === 1.5);
    });
  }

  it('verifies the broker certificate: connects with the test CA, refuses without it', async () => {
    const m = await startMosquitto({ tls: true });
    cleanups.push(() => m.stop());
    const tlsUrl = m.tlsUrl as string;
    const trusted = live({ urls: [tlsUrl], protocolVersion: 5, tls: { ca: m.certificates?.ca, rejectUnauthorized: true } });
    const untrusted = live({ urls: [tlsUrl], protocolVersion: 5 });
    await waitFor('TLS connection with the CA', () => trusted.source().connected);
    await waitFor('certificate error without the CA', () => untrusted.source().lastError !== undefined);
    expect(untrusted.source().lastError).toMatch(/certificate/i);
    expect(untrusted.source().connected).toBe(false);

    const pub = await publisher(tlsUrl, 5, { ca: m.certificates?.ca });
    await pub.publishAsync('test/tiny/L1/A/state', json({ ts: Date.now(), state: 'RUNNING' }), { qos: 1 });
    await waitFor('data over TLS', () => trusted.station()?.state === 'RUNNING');
    expect(untrusted.station()?.state).toBe('OFFLINE');
  });

  it('survives the broker being killed and restarted mid-stream: stale, reconnect, data again', async () => {
    const m = await startMosquitto();
    cleanups.push(() => m.stop());
    const t = live({ urls: [m.url], protocolVersion: 4 });
    const pub = await publisher(m.url);
    let n = 0;
    const timer = setInterval(() => {
      n += 1;
      if (pub.connected) pub.publish('test/tiny/L1/A/count', json({ ts: Date.now(), good: n, reject: 0 }));
    }, 20);
    cleanups.push(async () => clearInterval(timer));

    await waitFor('data before the crash', () => (t.station()?.good ?? 0) > 3);
    await m.kill();
    await waitFor('stale after the crash', () => t.station()?.stale === true && !t.source().connected);
    expect(t.station()?.reason).toBe('connection lost');
    expect(['reconnecting', 'connecting']).toContain(t.source().connection);
    const before = t.station()?.good ?? 0;

    await m.restart();
    await waitFor('reconnected', () => t.source().connection === 'connected');
    await waitFor('data after the restart', () => t.station()?.stale === false && (t.station()?.good ?? 0) > before);
    expect(t.source().lastError).toBeUndefined();
  });
});
