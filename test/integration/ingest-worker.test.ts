import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src-main/core/clock';
import type { RawMessage } from '../../src-main/core/raw-message';
import type { LiveSourceStatus } from '../../src-main/core/source/live-mqtt-source';
import { WorkerMqttSource } from '../../src-main/core/source/worker-mqtt-source';
import { hasMosquitto, startMosquitto, waitFor } from '../support/brokers';
import { builtIngestWorker } from '../support/ingest-worker';

const ROOT = resolve(__dirname, '..', '..');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function collect() {
  const messages: RawMessage[] = [];
  const statuses: LiveSourceStatus[] = [];
  let dropped = 0;
  let onFirst: (() => void) | undefined;
  return {
    messages,
    statuses,
    dropped: () => dropped,
    last: () => statuses[statuses.length - 1],
    blockOnFirstMessage(fn: () => void) {
      onFirst = fn;
    },
    handlers: {
      message(m: RawMessage) {
        messages.push(m);
        if (messages.length === 1) onFirst?.();
      },
      status: (s: LiveSourceStatus) => statuses.push(s),
      dropped: (n: number) => (dropped += n),
    },
  };
}

describe.skipIf(!hasMosquitto)('the MQTT ingest worker', () => {
  it('drops and counts what does not fit its backlog while the engine is busy, and loses nothing else', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const rx = collect();
    const source = new WorkerMqttSource(builtIngestWorker(), { urls: [broker.url], protocolVersion: 4 }, ['flood/#'], new SystemClock(), rx.handlers, {
      messages: 100,
      bytes: 1024 * 1024,
    });
    cleanups.push(() => source.stop());
    source.start();
    // 'connected' comes once the broker acknowledged the subscription: nothing published after it is missed.
    await waitFor('connected', () => rx.last()?.connection === 'connected');

    // The engine's thread stalls on the first message; the worker keeps reading meanwhile.
    rx.blockOnFirstMessage(() => {
      const until = Date.now() + 500;
      while (Date.now() < until);
    });
    const N = 2000;
    // Published from another process: the test's own thread is the one that stalls.
    const script = `const mqtt = require('mqtt');
      mqtt.connectAsync(process.argv[1]).then(async (c) => {
        for (let i = 0; i < ${N}; i += 1) c.publish('flood/' + i, JSON.stringify({ i }), { qos: 0 });
        await c.publishAsync('flood/end', 'end', { qos: 1 });
        await c.endAsync();
      });`;
    const child = spawn(process.execPath, ['-e', script, broker.url], { cwd: ROOT, stdio: 'inherit' });
    await new Promise((resolve) => child.once('exit', resolve));

    await waitFor('the end marker or its drop', () => rx.messages.length + rx.dropped() === N + 1, 10_000);
    expect(rx.dropped()).toBeGreaterThan(0);
    const seen = rx.messages.map((m) => m.topic);
    // In order, no duplicates: what arrived is the stream minus the counted drops.
    const indices = seen.filter((t) => t !== 'flood/end').map((t) => Number(t.split('/')[1]));
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(new Set(indices).size).toBe(indices.length);
    expect(rx.messages[0]?.payload.toString()).toBe('{"i":0}');
  });
});

// No broker needed: the worker dies before it would connect.
describe('the MQTT ingest worker, supervised', () => {
  it('restarts a worker that dies, showing the connection as reconnecting with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-worker-'));
    const broken = join(dir, 'broken-worker.js');
    writeFileSync(broken, "throw new Error('worker boom');\n");
    const rx = collect();
    const source = new WorkerMqttSource(broken, { urls: ['mqtt://127.0.0.1:1'], protocolVersion: 4 }, ['#'], new SystemClock(), rx.handlers);
    cleanups.push(() => source.stop());
    source.start();
    await waitFor('two failed starts', () => rx.statuses.filter((s) => s.lastError?.includes('worker boom')).length >= 2, 10_000);
    expect(rx.last()).toMatchObject({ connection: 'reconnecting' });
    await source.stop();
    expect(rx.last()?.connection).toBe('offline');
  });
});
