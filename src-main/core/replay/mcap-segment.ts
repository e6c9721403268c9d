import { open, stat, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { hasMcapPrefix, McapIndexedReader, McapStreamReader, type McapTypes } from '@mcap/core';
import { KEYFRAMES_TOPIC, nsToMs, PLANT_METADATA, SESSION_METADATA } from './recorded-item';

/** A recording the reader refuses, with the reason in words. */
export class RecordingError extends Error {}

/** Stamps before this are a clock that was not set (1970): read in order, counted, not replayed. */
export const PLAUSIBLE_FROM_MS = Date.UTC(2000, 0, 1);
const PLAUSIBLE_FROM_NS = BigInt(PLAUSIBLE_FROM_MS) * 1_000_000n;
/** A fallback read holds the whole file; a crash tail is one segment, far below this. */
const MAX_STREAMED_BYTES = 1024 * 1024 * 1024;

/** One message record: its channel's topic, log time in ms and the bytes as recorded. */
export interface SegmentRecord {
  topic: string;
  at: number;
  data: Uint8Array;
}

/** How a topic's channel was written: its message encoding and schema, copied as they are on export. */
export interface ChannelSpec {
  messageEncoding: string;
  metadata: Map<string, string>;
  schema: { name: string; encoding: string; data: Uint8Array } | undefined;
}

/** A random-access view of an open file, for the indexed reader. */
class FileReadable implements McapTypes.IReadable {
  constructor(
    private readonly fh: FileHandle,
    private readonly bytes: number,
  ) {}

  async size(): Promise<bigint> {
    return BigInt(this.bytes);
  }

  async read(offset: bigint, size: bigint): Promise<Uint8Array> {
    const length = Number(size);
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.fh.read(buf, done, length - done, Number(offset) + done);
      if (bytesRead === 0) throw new Error(`read past the end of the file at ${Number(offset) + done}`);
      done += bytesRead;
    }
    return buf;
  }
}

const OP_MESSAGE = 0x05;
/** Chunk record: opcode, length, start, end, uncompressed size, then the uncompressed CRC. */
const CHUNK_CRC_OFFSET = 1 + 8 + 8 + 8 + 8;
/** Records per batch handed on from a chunk read in one go. */
const BATCH = 4096;

/** A log time in ns (two 32-bit halves) as ms, exactly: a double cannot hold ns since 1970. */
const msOf = (lo: number, hi: number): number => hi * 4294 + Math.floor((hi * 967296 + lo) / 1_000_000);

interface Streamed {
  /** Every readable message, in log-time order (stable: file order within a stamp). */
  records: SegmentRecord[];
}

/**
 * One MCAP file of a recording: read through its index, or, when the index is missing or
 * broken (a crash tail, a cut download), read from the start up to the last readable record,
 * with a notice. Random bytes and empty files are refused with the reason.
 */
export class McapSegment {
  readonly notices: string[] = [];
  /** Log-time steps backwards in file order (a clock set back while recording). */
  backwardSteps = 0;
  /** Messages stamped before 2000 (an unset clock). */
  implausible = 0;
  start = Infinity;
  end = -Infinity;
  messageCount = 0;
  metadata = new Map<string, Record<string, string>>();
  /** Channels by topic. */
  readonly channels = new Map<string, ChannelSpec>();
  private streamed: Streamed | undefined;
  /** Chunks in time order when none overlaps another: then a chunk at a time is log-time order. */
  private ordered: McapTypes.TypedMcapRecords['ChunkIndex'][] | undefined;
  private topicsById: string[] = [];
  private keyframeChannel: number | undefined;
  /** Where each keyframe is (from the message indexes, no keyframe read), loaded on the first seek. */
  private keyframes: Array<{ at: number; chunk: McapTypes.TypedMcapRecords['ChunkIndex']; offset: number }> | undefined;

  private constructor(
    readonly path: string,
    readonly bytes: number,
    private readonly decompress: McapTypes.DecompressHandlers,
  ) {}

  static async open(path: string, decompress: McapTypes.DecompressHandlers = {}): Promise<McapSegment> {
    let bytes: number;
    try {
      bytes = (await stat(path)).size;
    } catch (err) {
      throw new RecordingError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (bytes === 0) throw new RecordingError(`${path} is empty`);
    const seg = new McapSegment(path, bytes, decompress);
    const fh = await open(path, 'r');
    try {
      const head = new Uint8Array(8);
      await fh.read(head, 0, 8, 0);
      if (!hasMcapPrefix(new DataView(head.buffer))) throw new RecordingError(`${path} is not an MCAP file (it does not start with the MCAP magic)`);
      try {
        const reader = await McapIndexedReader.Initialize({ readable: new FileReadable(fh, bytes), decompressHandlers: decompress });
        if (reader.chunkIndexes.length === 0) await seg.readStreamed(fh, 'no chunk index');
        else await seg.summarize(reader);
      } catch (err) {
        if (err instanceof RecordingError) throw err;
        await seg.readStreamed(fh, (err as Error).message);
      }
    } finally {
      await fh.close();
    }
    if (seg.messageCount === 0 && seg.metadata.size === 0) throw new RecordingError(`${path} holds no readable record`);
    return seg;
  }

  /** The file's `linetwin.plant` and `linetwin.session` metadata. */
  get plantJson(): string | undefined {
    return this.metadata.get(PLANT_METADATA)?.json;
  }

  get session(): Record<string, string> | undefined {
    return this.metadata.get(SESSION_METADATA);
  }

  /**
   * Message records with `from <= at <= to` in log-time order, in batches: each chunk is read,
   * decompressed and parsed in one go, which is what makes a replay read millions of messages a
   * second. Chunks that overlap in time go through the indexed reader's merge instead.
   */
  async *batches(from: number, to: number): AsyncGenerator<SegmentRecord[]> {
    const lo = Math.max(from, PLAUSIBLE_FROM_MS);
    const hi = Math.min(to, this.end);
    if (this.streamed || !this.ordered) {
      let batch: SegmentRecord[] = [];
      for await (const r of this.records(from, to)) {
        batch.push(r);
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return;
    }
    if (hi < lo) return;
    const fh = await open(this.path, 'r');
    try {
      const readable = new FileReadable(fh, this.bytes);
      let at = lo;
      for (const chunk of this.ordered) {
        if (nsToMs(chunk.messageEndTime) < lo || nsToMs(chunk.messageStartTime) > hi) continue;
        let records: SegmentRecord[];
        try {
          records = this.parseChunk(chunk, await readable.read(chunk.chunkStartOffset, chunk.chunkLength), lo, hi);
        } catch (err) {
          this.note(`corrupt: ${this.path} unreadable after ${new Date(at).toISOString()} (${(err as Error).message.slice(0, 120)})`);
          return;
        }
        if (records.length === 0) continue;
        at = (records[records.length - 1] as SegmentRecord).at;
        yield records;
      }
    } finally {
      await fh.close();
    }
  }

  /**
   * The newest engine keyframe at or before `t` in this segment: found through the keyframe
   * channel's message indexes, then only that record is read. Undefined when there is none.
   */
  async keyframeAtOrBefore(t: number): Promise<SegmentRecord | undefined> {
    if (this.streamed || !this.ordered) {
      for await (const r of this.records(this.start, t, { topics: [KEYFRAMES_TOPIC], reverse: true })) return r;
      return undefined;
    }
    const fh = await open(this.path, 'r');
    try {
      const readable = new FileReadable(fh, this.bytes);
      const index = (this.keyframes ??= await this.keyframeIndex(readable));
      let found: (typeof index)[number] | undefined;
      for (const k of index) if (k.at <= t && (!found || k.at >= found.at)) found = k;
      if (!found) return undefined;
      const data = this.chunkData(found.chunk, await readable.read(found.chunk.chunkStartOffset, found.chunk.chunkLength));
      const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const len = dv.getUint32(found.offset + 1, true) + dv.getUint32(found.offset + 5, true) * 4294967296;
      if (data[found.offset] !== OP_MESSAGE || found.offset + 9 + len > data.byteLength) throw new Error('keyframe index points at no message');
      return { topic: KEYFRAMES_TOPIC, at: found.at, data: data.subarray(found.offset + 9 + 22, found.offset + 9 + len) };
    } catch (err) {
      this.note(`keyframes of ${this.path} not readable (${(err as Error).message.slice(0, 120)})`);
      return undefined;
    } finally {
      await fh.close();
    }
  }

  private async keyframeIndex(readable: FileReadable): Promise<NonNullable<McapSegment['keyframes']>> {
    const out: NonNullable<McapSegment['keyframes']> = [];
    const channel = this.keyframeChannel;
    if (channel === undefined) return out;
    for (const chunk of this.ordered ?? []) {
      const offset = chunk.messageIndexOffsets.get(channel);
      if (offset === undefined) continue;
      const head = await readable.read(offset, 9n);
      const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
      const len = hv.getUint32(1, true) + hv.getUint32(5, true) * 4294967296;
      const body = await readable.read(offset + 9n, BigInt(len));
      const bv = new DataView(body.buffer, body.byteOffset, body.byteLength);
      const bytes = bv.getUint32(2, true);
      for (let p = 6; p + 16 <= 6 + bytes && p + 16 <= body.byteLength; p += 16) {
        out.push({ at: msOf(bv.getUint32(p, true), bv.getUint32(p + 4, true)), chunk, offset: bv.getUint32(p + 8, true) + bv.getUint32(p + 12, true) * 4294967296 });
      }
    }
    return out;
  }

  /** A chunk record's records, decompressed and checked against its CRC (when it was written with one). */
  private chunkData(chunk: McapTypes.TypedMcapRecords['ChunkIndex'], bytes: Uint8Array): Uint8Array {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const compressed = bytes.subarray(bytes.byteLength - Number(chunk.compressedSize));
    let data = compressed;
    if (chunk.compression !== '') {
      const decompress = this.decompress[chunk.compression];
      if (!decompress) throw new Error(`no ${chunk.compression} decompressor`);
      data = decompress(compressed, chunk.uncompressedSize);
    }
    if (data.byteLength !== Number(chunk.uncompressedSize)) throw new Error('chunk size does not match its index');
    const crc = view.getUint32(CHUNK_CRC_OFFSET, true);
    if (crc !== 0 && crc32(data) !== crc) throw new Error('chunk CRC mismatch');
    return data;
  }

  /** Message records in [lo, hi] of one chunk, keyframes left out (a seek reads those by themselves). */
  private parseChunk(chunk: McapTypes.TypedMcapRecords['ChunkIndex'], bytes: Uint8Array, lo: number, hi: number): SegmentRecord[] {
    const data = this.chunkData(chunk, bytes);
    const skip = this.keyframeChannel ?? -1;
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const out: SegmentRecord[] = [];
    let sorted = true;
    let last = -Infinity;
    for (let pos = 0; pos + 9 <= data.byteLength; ) {
      const op = data[pos] as number;
      const len = dv.getUint32(pos + 1, true) + dv.getUint32(pos + 5, true) * 4294967296;
      const body = pos + 9;
      const end = body + len;
      if (end > data.byteLength) throw new Error('record runs past its chunk');
      if (op === OP_MESSAGE && len >= 22 && dv.getUint16(body, true) !== skip) {
        const at = msOf(dv.getUint32(body + 6, true), dv.getUint32(body + 10, true));
        if (at >= lo && at <= hi) {
          if (at < last) sorted = false;
          last = at;
          out.push({ topic: this.topicsById[dv.getUint16(body, true)] ?? '', at, data: data.subarray(body + 22, end) });
        }
      }
      pos = end;
    }
    if (!sorted) out.sort((a, b) => a.at - b.at);
    return out;
  }

  /** Message records with `from <= at <= to` in log-time order, optionally of some topics only, optionally newest first. */
  async *records(from: number, to: number, opts: { topics?: readonly string[]; reverse?: boolean } = {}): AsyncGenerator<SegmentRecord> {
    const lo = Math.max(from, PLAUSIBLE_FROM_MS);
    if (this.streamed) {
      const all = this.streamed.records;
      const wanted = opts.topics ? new Set(opts.topics) : undefined;
      const inRange = (r: SegmentRecord): boolean => r.at >= lo && r.at <= to && (!wanted || wanted.has(r.topic));
      if (opts.reverse) {
        for (let i = all.length - 1; i >= 0; i -= 1) if (inRange(all[i] as SegmentRecord)) yield all[i] as SegmentRecord;
      } else {
        for (const r of all) if (inRange(r)) yield r;
      }
      return;
    }
    const hi = Math.min(to, this.end);
    if (hi < lo) return;
    const fh = await open(this.path, 'r');
    try {
      const reader = await McapIndexedReader.Initialize({ readable: new FileReadable(fh, this.bytes), decompressHandlers: this.decompress });
      const topics = new Map<number, string>();
      for (const [id, ch] of reader.channelsById) topics.set(id, ch.topic);
      const messages = reader.readMessages({ startTime: BigInt(lo) * 1_000_000n, endTime: BigInt(Math.floor(hi)) * 1_000_000n + 999_999n, topics: opts.topics, reverse: opts.reverse });
      let at = lo;
      for (;;) {
        let next: IteratorResult<McapTypes.TypedMcapRecords['Message']>;
        try {
          next = await messages.next();
        } catch (err) {
          // A damaged chunk (bad CRC, cut short): the segment ends where it stops being readable.
          this.note(`corrupt: ${this.path} unreadable after ${new Date(at).toISOString()} (${(err as Error).message.slice(0, 120)})`);
          return;
        }
        if (next.done) return;
        at = nsToMs(next.value.logTime);
        yield { topic: topics.get(next.value.channelId) ?? '', at, data: next.value.data };
      }
    } finally {
      await fh.close();
    }
  }

  private note(text: string): void {
    if (!this.notices.includes(text)) this.notices.push(text);
  }

  private async summarize(reader: McapIndexedReader): Promise<void> {
    for (const chunk of reader.chunkIndexes) {
      if (chunk.compression !== '' && !this.decompress[chunk.compression]) {
        throw new RecordingError(`${this.path} has chunks compressed with ${chunk.compression}, and no ${chunk.compression} decompressor is installed`);
      }
    }
    for await (const m of reader.readMetadata()) this.metadata.set(m.name, Object.fromEntries(m.metadata));
    for (const ch of reader.channelsById.values()) {
      const schema = reader.schemasById.get(ch.schemaId);
      this.channels.set(ch.topic, { messageEncoding: ch.messageEncoding, metadata: ch.metadata, schema: schema && { name: schema.name, encoding: schema.encoding, data: schema.data } });
    }
    const stats = reader.statistics;
    this.messageCount = Number(stats?.messageCount ?? 0n);
    const chunks = [...reader.chunkIndexes].sort((a, b) => Number(a.chunkStartOffset - b.chunkStartOffset));
    // Through the index, order in the file shows only as chunks that overlap in time.
    let latest = -1n;
    for (const c of chunks) {
      if (c.messageStartTime < latest) this.backwardSteps += 1;
      if (c.messageEndTime > latest) latest = c.messageEndTime;
    }
    for (const [id, ch] of reader.channelsById) {
      this.topicsById[id] = ch.topic;
      if (ch.topic === KEYFRAMES_TOPIC) this.keyframeChannel = id;
    }
    if (this.backwardSteps === 0) this.ordered = chunks;
    for await (const _ of reader.readMessages({ endTime: PLAUSIBLE_FROM_NS - 1n })) this.implausible += 1;
    if (stats && stats.messageCount > 0n) this.end = nsToMs(stats.messageEndTime);
    else if (chunks.length > 0) this.end = nsToMs(latest);
    // The first plausible stamp: an unset clock's 1970 messages do not stretch the timeline over decades.
    for await (const m of reader.readMessages({ startTime: PLAUSIBLE_FROM_NS })) {
      this.start = nsToMs(m.logTime);
      break;
    }
    if (this.messageCount === 0) this.messageCount = chunks.length;
  }

  /** The fallback: every record from the start until the file ends or stops making sense. */
  private async readStreamed(fh: FileHandle, why: string): Promise<void> {
    if (this.bytes > MAX_STREAMED_BYTES) throw new RecordingError(`${this.path} has no usable index (${why}) and is too large to read without one`);
    const data = new Uint8Array(this.bytes);
    await fh.read(data, 0, this.bytes, 0);
    const reader = new McapStreamReader({ decompressHandlers: this.decompress, validateCrcs: true });
    reader.append(data);
    const topics = new Map<number, string>();
    const schemas = new Map<number, ChannelSpec['schema']>();
    const records: SegmentRecord[] = [];
    let last = -Infinity;
    let complete = false;
    try {
      for (let rec; (rec = reader.nextRecord()); ) {
        if (rec.type === 'Schema') schemas.set(rec.id, { name: rec.name, encoding: rec.encoding, data: rec.data });
        else if (rec.type === 'Channel') {
          topics.set(rec.id, rec.topic);
          this.channels.set(rec.topic, { messageEncoding: rec.messageEncoding, metadata: rec.metadata, schema: schemas.get(rec.schemaId) });
        }
        else if (rec.type === 'Metadata') this.metadata.set(rec.name, Object.fromEntries(rec.metadata));
        else if (rec.type === 'Message') {
          const at = nsToMs(rec.logTime);
          if (at < last) this.backwardSteps += 1;
          last = Math.max(last, at);
          if (at < PLAUSIBLE_FROM_MS) this.implausible += 1;
          records.push({ topic: topics.get(rec.channelId) ?? '', at, data: rec.data });
        }
      }
      complete = reader.done();
    } catch {
      complete = false;
    }
    records.sort((a, b) => a.at - b.at);
    this.streamed = { records };
    this.messageCount = records.length;
    const plausible = records.filter((r) => r.at >= PLAUSIBLE_FROM_MS);
    this.start = plausible[0]?.at ?? Infinity;
    this.end = plausible[plausible.length - 1]?.at ?? -Infinity;
    if (!complete) this.notices.push(`truncated: ${this.path} read up to ${Number.isFinite(this.end) ? new Date(this.end).toISOString() : 'its start'}`);
    else this.notices.push(`no index: ${this.path} read from its start (${why.slice(0, 120)})`);
  }
}
