import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeSparkplugPayload } from '../../src-main/core/decode/sparkplug-codec';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src-main/sim/embedded-broker';
import { runSimulator } from '../../src-main/sim/sim-runner';
import { plant, START } from './sim-helpers';

describe('runSimulator through the embedded broker', () => {
  let broker: EmbeddedBroker | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  it('publishes UNS JSON that an MQTT client receives, retained states included', async () => {
    broker = await startEmbeddedBroker({ port: 0 });
    const p = await plant('tire-plant');
    const run = await runSimulator({ brokerUrl: broker.url, plant: p, seed: 1, speed: 'max', start: START, durationS: 120 });
    await run.done;
    expect(run.stats().simTime).toBe(START + 120_000);
    expect(run.stats().published).toBeGreaterThan(2000);
    await run.stop();

    // A client joining later still sees every station's state: they are retained.
    const client = await mqtt.connectAsync(broker.url);
    const states = new Map<string, string>();
    client.on('message', (topic, payload) => states.set(topic, JSON.parse(payload.toString()).state));
    await client.subscribeAsync('qingdao/tire-plant/+/+/state');
    await expect.poll(() => states.size).toBe(p.lines.reduce((n, l) => n + l.stations.length, 0));
    await client.endAsync();
  });

  it('publishes Sparkplug births live and a death when stopped', async () => {
    broker = await startEmbeddedBroker({ port: 0 });
    const p = await plant('fridge-plant');
    const client = await mqtt.connectAsync(broker.url);
    const kinds: string[] = [];
    let death: number | undefined;
    client.on('message', (topic, payload) => {
      const kind = topic.split('/')[2] ?? '';
      kinds.push(kind);
      if (kind === 'NDEATH') death = Number(decodeSparkplugPayload(payload).metrics?.[0]?.value);
    });
    await client.subscribeAsync('spBv1.0/qingdao-fridge/#');
    const run = await runSimulator({ brokerUrl: broker.url, plant: p, seed: 1, speed: 50, format: 'sparkplug', tickMs: 20 });
    await expect.poll(() => kinds.filter((k) => k === 'DDATA').length).toBeGreaterThan(20);
    expect(kinds.slice(0, 2)).toContain('NBIRTH');
    expect(kinds.filter((k) => k === 'NBIRTH')).toHaveLength(p.lines.length);
    await run.stop();
    await expect.poll(() => death).toBe(0);
    await client.endAsync();
  });
});
