import { describe, expect, it } from 'vitest';
import { IngestBatchBuilder, readBatch } from './ingest-batch';

describe('ingest batches', () => {
  it('carry every message with its topic, bytes, retain flag and QoS, in order', () => {
    const b = new IngestBatchBuilder();
    b.add('a/state', Buffer.from('{"state":"RUNNING"}'), true, 1);
    b.add('a/empty', new Uint8Array(0), false, 0);
    b.add('spBv1.0/g/DDATA/n/d', Uint8Array.from([0x08, 0xff, 0x00, 0x80]), false, 2);
    expect(b.size).toBe(3);
    expect(b.byteLength).toBe(19 + 0 + 4);
    const batch = b.take();
    expect(b.size).toBe(0);
    expect(b.byteLength).toBe(0);

    const out: Array<[string, string, boolean, number, boolean]> = [];
    readBatch(batch, (topic, payload, retain, qos) => out.push([topic, payload.toString('hex'), retain, qos, Buffer.isBuffer(payload)]));
    expect(out).toEqual([
      ['a/state', Buffer.from('{"state":"RUNNING"}').toString('hex'), true, 1, true],
      ['a/empty', '', false, 0, true],
      ['spBv1.0/g/DDATA/n/d', '08ff0080', false, 2, true],
    ]);
  });

  it('survive a structured clone with their buffers transferred, as between threads', () => {
    const b = new IngestBatchBuilder();
    for (let i = 0; i < 100; i += 1) b.add(`t/${i}`, Buffer.from(`{"i":${i}}`), i % 2 === 0, 0);
    const batch = b.take();
    const moved = structuredClone(batch, { transfer: [batch.bytes.buffer as ArrayBuffer, batch.offsets.buffer as ArrayBuffer] });
    expect(batch.bytes.byteLength).toBe(0);
    const seen: string[] = [];
    readBatch(moved, (topic, payload) => seen.push(`${topic}=${payload.toString()}`));
    expect(seen).toHaveLength(100);
    expect(seen[42]).toBe('t/42={"i":42}');
  });
});
