import { Opcode } from '@mcap/core';

const TWO_11 = 2 ** 11;
const TWO_21 = 2 ** 21;
const TWO_32 = 2 ** 32;

/**
 * Writes ms (fractions kept, to the nanosecond) as MCAP's little-endian u64 ns, without BigInt:
 * ns = whole·10⁶ + fraction, split so every product stays exact in a double (ms < 2^42, year 2109).
 * Before 1970 is 0, MCAP times being unsigned.
 */
export function setNs(view: DataView, at: number, ms: number): void {
  if (!(ms > 0)) {
    view.setUint32(at, 0, true);
    view.setUint32(at + 4, 0, true);
    return;
  }
  const whole = Math.floor(ms);
  const fraction = Math.round((ms - whole) * 1e6);
  const high = Math.floor(whole / TWO_21) * 1e6; // < 2^41: (whole >> 21)·10⁶, to be shifted left by 21
  const low = (whole % TWO_21) * 1e6 + fraction; // < 2^41
  let lo = (high % TWO_11) * TWO_21 + (low % TWO_32);
  const carry = Math.floor(lo / TWO_32);
  lo -= carry * TWO_32;
  view.setUint32(at, lo, true);
  view.setUint32(at + 4, Math.floor(high / TWO_11) + Math.floor(low / TWO_32) + carry, true);
}

/** Opcode, u64 record length, u16 channel, u32 sequence, u64 log time, u64 publish time. */
const MESSAGE_HEADER_BYTES = 1 + 8 + 2 + 4 + 8 + 8;

/**
 * The records of one open chunk and their message indexes, serialized as they come. What
 * `@mcap/core`'s ChunkBuilder does, without a BigInt per time and per index entry: on a live
 * stream that was the recorder's main cost on the pipeline's thread.
 */
export class ChunkRecords {
  private buffer = new Uint8Array(256 * 1024);
  private view = new DataView(this.buffer.buffer);
  private size = 0;
  private count = 0;
  startMs = Infinity;
  endMs = -Infinity;
  /** Per channel: log time (ms) and offset in the chunk of each of its messages, flat. */
  private readonly index = new Map<number, number[]>();

  get byteLength(): number {
    return this.size;
  }

  get messages(): number {
    return this.count;
  }

  /** The chunk's records as serialized so far (a view, valid until the next change). */
  get records(): Uint8Array {
    return this.buffer.subarray(0, this.size);
  }

  /** A record serialized elsewhere (a schema, a channel). */
  raw(record: Uint8Array): void {
    this.reserve(record.byteLength);
    this.buffer.set(record, this.size);
    this.size += record.byteLength;
  }

  message(channelId: number, sequence: number, logMs: number, publishMs: number, data: Uint8Array): void {
    const length = MESSAGE_HEADER_BYTES + data.byteLength;
    this.reserve(length);
    const at = this.size;
    const v = this.view;
    v.setUint8(at, Opcode.MESSAGE);
    v.setUint32(at + 1, length - 9, true);
    v.setUint32(at + 5, 0, true);
    v.setUint16(at + 9, channelId, true);
    v.setUint32(at + 11, sequence, true);
    setNs(v, at + 15, logMs);
    setNs(v, at + 23, publishMs);
    this.buffer.set(data, at + MESSAGE_HEADER_BYTES);
    this.size += length;
    this.count += 1;
    if (logMs < this.startMs) this.startMs = logMs;
    if (logMs > this.endMs) this.endMs = logMs;
    let entries = this.index.get(channelId);
    if (!entries) {
      entries = [];
      this.index.set(channelId, entries);
    }
    entries.push(logMs, at);
  }

  /** The chunk's Message Index records, one per channel, and where each starts in `bytes`. */
  messageIndexes(): { bytes: Uint8Array; offsets: Map<number, number> } {
    let total = 0;
    for (const entries of this.index.values()) total += 1 + 8 + 2 + 4 + entries.length * 8;
    const bytes = new Uint8Array(total);
    const v = new DataView(bytes.buffer);
    const offsets = new Map<number, number>();
    let at = 0;
    for (const [channelId, entries] of this.index) {
      offsets.set(channelId, at);
      const pairsBytes = entries.length * 8;
      v.setUint8(at, Opcode.MESSAGE_INDEX);
      v.setUint32(at + 1, 2 + 4 + pairsBytes, true);
      v.setUint32(at + 5, 0, true);
      v.setUint16(at + 9, channelId, true);
      v.setUint32(at + 11, pairsBytes, true);
      at += 15;
      for (let i = 0; i < entries.length; i += 2) {
        setNs(v, at, entries[i] as number);
        v.setUint32(at + 8, entries[i + 1] as number, true);
        v.setUint32(at + 12, 0, true);
        at += 16;
      }
    }
    return { bytes, offsets };
  }

  reset(): void {
    this.size = 0;
    this.count = 0;
    this.startMs = Infinity;
    this.endMs = -Infinity;
    this.index.clear();
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.buffer.byteLength) return;
    const grown = new Uint8Array(Math.max(this.buffer.byteLength * 2, this.size + bytes));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}
