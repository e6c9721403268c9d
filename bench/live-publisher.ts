import mqtt from 'mqtt';
import { tirePlant, unsMessages } from './payloads';

// Child process of live-ingest.bench.ts: publishes the UNS stream on its own core, then an end marker.
const [url, countArg] = process.argv.slice(2);
const count = Number(countArg);

async function main(): Promise<void> {
  const messages = unsMessages(tirePlant(), count);
  const client = await mqtt.connectAsync(url as string, { clientId: 'linetwin-bench-publisher' });
  const BATCH = 500;
  for (let i = 0; i < messages.length; i += BATCH) {
    // Wait for each batch to reach the socket so the publisher never outruns its own buffer.
    await Promise.all(messages.slice(i, i + BATCH).map((m) => client.publishAsync(m.topic, Buffer.from(m.payload), { qos: 0 })));
  }
  await client.publishAsync('bench/end', 'end', { qos: 1 });
  await client.endAsync();
}

main().catch((err: Error) => {
  process.stderr.write(`publisher failed: ${err.message}\n`);
  process.exit(1);
});
