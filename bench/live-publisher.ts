import mqtt from 'mqtt';
import { setTimeout as sleep } from 'node:timers/promises';
import { tirePlant, unsMessages } from './payloads';

/**
 * Child process of live-ingest.bench.ts: publishes the UNS stream on its own core (paced to
 * `rate` msg/s, or as fast as it can when 0), then an end marker, and prints the rate it kept.
 */
const [url, countArg, rateArg] = process.argv.slice(2);
const count = Number(countArg);
const rate = Number(rateArg ?? 0);
const BATCH = 500;

async function main(): Promise<void> {
  const messages = unsMessages(tirePlant(), count);
  const client = await mqtt.connectAsync(url as string, { clientId: 'linetwin-bench-publisher' });
  const start = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) {
    if (rate > 0) {
      const due = start + (i / rate) * 1000;
      const ahead = due - performance.now();
      if (ahead > 1) await sleep(ahead);
    }
    // Wait for each batch to reach the socket so the publisher never outruns its own buffer.
    await Promise.all(messages.slice(i, i + BATCH).map((m) => client.publishAsync(m.topic, Buffer.from(m.payload), { qos: 0 })));
  }
  const sentMsgsPerSec = (messages.length / (performance.now() - start)) * 1000;
  await client.publishAsync('bench/end', 'end', { qos: 1 });
  await client.endAsync();
  process.stdout.write(`${JSON.stringify({ sentMsgsPerSec })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`publisher failed: ${err.message}\n`);
  process.exit(1);
});
