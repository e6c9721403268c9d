import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src-main/sim/embedded-broker';

let broker: EmbeddedBroker | undefined;
const clients: mqtt.MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync()));
  await broker?.close();
  broker = undefined;
});

async function connect(url: string): Promise<mqtt.MqttClient> {
  const client = await mqtt.connectAsync(url, { queueQoSZero: false });
  clients.push(client);
  return client;
}

describe('embedded broker', () => {
  it('hands a subscriber every retained state interleaved with plain messages, in order per topic', async () => {
    broker = await startEmbeddedBroker({ port: 0 });
    const subscriber = await connect(broker.url);
    const received = new Map<string, string[]>();
    subscriber.on('message', (topic, payload) => received.set(topic, [...(received.get(topic) ?? []), payload.toString()]));
    await subscriber.subscribeAsync('plant/#');

    // As the simulator publishes: a station's alarm, its retained state, then counts of other stations, in bursts.
    const publisher = await connect(broker.url);
    const sent = new Map<string, string[]>();
    let n = 0;
    for (let burst = 0; burst < 100; burst += 1) {
      for (let k = 0; k < 6; k += 1) {
        const station = `s${(burst * 7 + k) % 20}`;
        const retain = k % 2 === 0;
        const topic = `plant/${station}/${retain ? 'state' : 'count'}`;
        const payload = String(n++);
        sent.set(topic, [...(sent.get(topic) ?? []), payload]);
        publisher.publish(topic, payload, { qos: 0, retain });
      }
      if (burst % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await expect.poll(() => [...received.values()].reduce((sum, list) => sum + list.length, 0), { timeout: 10_000 }).toBe(n);
    expect(received).toEqual(sent);
  });

  it('keeps the newest retained state for a late subscriber', async () => {
    broker = await startEmbeddedBroker({ port: 0 });
    const publisher = await connect(broker.url);
    for (const state of ['RUNNING', 'FAULT']) await publisher.publishAsync('plant/s1/state', state, { qos: 0, retain: true });
    const late = await connect(broker.url);
    const first = new Promise<string>((resolve) => late.once('message', (_topic, payload) => resolve(payload.toString())));
    await late.subscribeAsync('plant/+/state');
    expect(await first).toBe('FAULT');
  });
});
