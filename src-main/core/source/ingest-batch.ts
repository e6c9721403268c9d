/**
 * Messages from the ingest worker to the engine's thread, many to one transfer: topics as
 * strings, every payload back to back in one buffer that is moved, not copied.
 */
export interface IngestBatch {
  topics: string[];
  /** Message i is `bytes[offsets[i] .. offsets[i + 1])`. */
  bytes: Uint8Array;
  offsets: Uint32Array;
  /** Per message: bit 0 retain, bits 1–2 QoS. */
  flags: Uint8Array;
}

export type BatchMessageHandler = (topic: string, payload: Buffer, retain: boolean, qos: 0 | 1 | 2) => void;

export class IngestBatchBuilder {
  private topics: string[] = [];
  private payloads: Uint8Array[] = [];
  private flags: number[] = [];
  private bytes = 0;

  get size(): number {
    return this.topics.length;
  }

  get byteLength(): number {
    return this.bytes;
  }

  add(topic: string, payload: Uint8Array, retain: boolean, qos: 0 | 1 | 2): void {
    this.topics.push(topic);
    this.payloads.push(payload);
    this.flags.push((retain ? 1 : 0) | (qos << 1));
    this.bytes += payload.byteLength;
  }

  /** The batch so far, and starts a new one. */
  take(): IngestBatch {
    const bytes = new Uint8Array(this.bytes);
    const offsets = new Uint32Array(this.payloads.length + 1);
    let at = 0;
    this.payloads.forEach((p, i) => {
      offsets[i] = at;
      bytes.set(p, at);
      at += p.byteLength;
    });
    offsets[this.payloads.length] = at;
    const batch: IngestBatch = { topics: this.topics, bytes, offsets, flags: Uint8Array.from(this.flags) };
    this.topics = [];
    this.payloads = [];
    this.flags = [];
    this.bytes = 0;
    return batch;
  }
}

/** Hands each message of a batch to `handle`, payloads as Buffers (what MQTT.js delivers) over the batch's memory. */
export function readBatch(batch: IngestBatch, handle: BatchMessageHandler): void {
  const all = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const { topics, offsets, flags } = batch;
  for (let i = 0; i < topics.length; i += 1) {
    const f = flags[i] as number;
    handle(topics[i] as string, all.subarray(offsets[i], offsets[i + 1]), (f & 1) === 1, ((f >> 1) & 3) as 0 | 1 | 2);
  }
}
