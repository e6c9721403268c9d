import { parentPort, workerData } from 'node:worker_threads';
import { IngestBacklog } from './ingest-backlog';
import { IngestBatchBuilder } from './ingest-batch';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from './ingest-worker-protocol';
import { LiveMqttSource } from './live-mqtt-source';

/**
 * The broker connection on a thread of its own: socket reads and MQTT parsing run beside the
 * engine instead of taking turns with it, and messages cross over in batches. Entry point of
 * `out/main/mqtt-ingest-worker.js`.
 */
const MAX_BATCH_MESSAGES = 2000;

const port = parentPort;
if (!port) throw new Error('mqtt-ingest-worker runs as a worker thread');
const data = workerData as IngestWorkerData;
const backlog = new IngestBacklog(data.processed, data.limits);
const builder = new IngestBatchBuilder();
let dropped = 0;
let flushScheduled = false;

const send = (msg: FromIngestWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);

function flush(): void {
  flushScheduled = false;
  if (builder.size === 0 && dropped === 0) return;
  const messages = builder.size;
  const bytes = builder.byteLength;
  const batch = builder.take();
  send({ type: 'batch', batch, dropped }, [batch.bytes.buffer as ArrayBuffer, batch.offsets.buffer as ArrayBuffer]);
  backlog.recordPosted(messages, bytes);
  dropped = 0;
}

const source = new LiveMqttSource(data.profile, data.topics, {
  message(topic, payload, retain, qos) {
    if (backlog.admits(payload.byteLength, { messages: builder.size, bytes: builder.byteLength })) {
      builder.add(topic, payload, retain, qos);
      if (builder.size >= MAX_BATCH_MESSAGES) flush();
    } else dropped += 1;
    // After the socket's current chunk is parsed: one batch per read, not one per message.
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  },
  status(status) {
    flush();
    send({ type: 'status', status });
  },
});

port.on('message', (msg: ToIngestWorker) => {
  if (msg.type === 'publish') source.publish(msg.topic, msg.payload);
  else
    void source.stop().then(() => {
      flush();
      port.close();
    });
});
source.start();
