import { open, type FileHandle } from 'node:fs/promises';
import { McapRecordBuilder, Opcode, type McapTypes } from '@mcap/core';
import type { ChunkCompression } from './chunk-compression';
import { ChunkRecords } from './chunk-records';
import type { ChannelSpec } from './recording-channels';

/** ms (fractions kept, to the nanosecond) → MCAP ns; before 1970 is 0, MCAP times being unsigned. */
function toNs(t: number): bigint {
  if (!(t > 0)) return 0n;
  if (Number.isInteger(t)) return BigInt(t) * 1_000_000n;
  const whole = Math.floor(t);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((t - whole) * 1e6));
}

/**
 * One MCAP file written as it goes: messages collect in a chunk that the owner writes out with
 * `flush` (on size and at least once a second), so a killed process leaves every flushed chunk
 * readable by a streaming reader; `close` adds the summary an indexed reader needs.
 * `@mcap/core`'s McapWriter writes a chunk only when it is full, hence this writer on its
 * record builder. Calls that return promises must not overlap.
 */
export class McapSegmentFile {
  private position = 0n;
  private readonly records = new McapRecordBuilder();
  private readonly chunk = new ChunkRecords();
  /** Serializes the rare records (schemas, channels) that go into a chunk. */
  private readonly scratch = new McapRecordBuilder();
  private readonly channelIds = new Map<string, number>();
  private readonly schemaIds = new Map<string, number>();
  private readonly schemas: McapTypes.Schema[] = [];
  private readonly channels: McapTypes.Channel[] = [];
  private readonly chunkIndexes: McapTypes.ChunkIndex[] = [];
  private readonly metadataIndexes: McapTypes.MetadataIndex[] = [];
  /** Channels (with their schemas) whose records are in the file's data already. */
  private readonly declared = new Set<number>();
  // Statistics as numbers while writing (BigInt arithmetic per message is slow); the record is built at close.
  private messageCount = 0;
  private messageStart = Infinity;
  private messageEnd = -Infinity;
  private readonly channelCounts: number[] = [];
  private metadataCount = 0;
  private chunkCount = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly compression: ChunkCompression | undefined,
  ) {}

  /** Creates the file (never overwrites one) with its header and metadata, written out at once. */
  static async create(path: string, library: string, metadata: McapTypes.Metadata[], compression?: ChunkCompression): Promise<McapSegmentFile> {
    const f = new McapSegmentFile(await open(path, 'wx'), compression);
    try {
      f.records.writeMagic();
      f.records.writeHeader({ profile: '', library });
      for (const m of metadata) {
        const start = f.position + BigInt(f.records.length);
        const length = f.records.writeMetadata(m);
        f.metadataIndexes.push({ name: m.name, offset: start, length });
        f.metadataCount += 1;
      }
      await f.writeOut();
    } catch (err) {
      await f.file.close().catch(() => undefined);
      throw err;
    }
    return f;
  }

  /** Bytes in the file so far. */
  get bytes(): number {
    return Number(this.position);
  }

  /** Bytes waiting in the open chunk. */
  get pendingBytes(): number {
    return this.chunk.byteLength;
  }

  /** Adds a message to the open chunk; `spec` describes the topic's channel the first time it is seen. */
  add(topic: string, spec: (topic: string) => ChannelSpec, logTime: number, publishTime: number, data: Uint8Array): void {
    const channelId = this.channelIds.get(topic) ?? this.newChannel(topic, spec(topic));
    if (!this.declared.has(channelId)) {
      const channel = this.channels[channelId] as McapTypes.Channel;
      this.scratch.writeSchema(this.schemas[channel.schemaId - 1] as McapTypes.Schema);
      this.scratch.writeChannel(channel);
      this.chunk.raw(this.scratch.buffer);
      this.scratch.reset();
      this.declared.add(channelId);
    }
    if (logTime < this.messageStart) this.messageStart = logTime;
    if (logTime > this.messageEnd) this.messageEnd = logTime;
    this.messageCount += 1;
    this.channelCounts[channelId] = (this.channelCounts[channelId] ?? 0) + 1;
    this.chunk.message(channelId, this.messageCount, logTime, publishTime, data);
  }

  /** Writes the open chunk and its message indexes out, if it holds anything. */
  async flush(): Promise<void> {
    const chunk = this.chunk;
    if (chunk.messages === 0) return;
    const raw = chunk.records;
    const packed = this.compression ? this.compression.compress(raw) : raw;
    const messageStartTime = toNs(chunk.startMs);
    const messageEndTime = toNs(chunk.endMs);
    const chunkStartOffset = this.position + BigInt(this.records.length);
    const chunkLength = this.records.writeChunk({
      messageStartTime,
      messageEndTime,
      uncompressedSize: BigInt(raw.byteLength),
      // Zero: not computed (the MCAP spec's "no CRC"); a torn tail is found by the record length.
      uncompressedCrc: 0,
      compression: this.compression?.name ?? '',
      records: packed,
    });
    const indexes = chunk.messageIndexes();
    const indexStart = chunkStartOffset + chunkLength;
    this.chunkIndexes.push({
      messageStartTime,
      messageEndTime,
      chunkStartOffset,
      chunkLength,
      messageIndexOffsets: new Map([...indexes.offsets].map(([id, at]) => [id, indexStart + BigInt(at)])),
      messageIndexLength: BigInt(indexes.bytes.byteLength),
      compression: this.compression?.name ?? '',
      compressedSize: BigInt(packed.byteLength),
      uncompressedSize: BigInt(raw.byteLength),
    });
    this.chunkCount += 1;
    await this.writeOut(indexes.bytes);
    chunk.reset();
  }

  /** Flushes, writes the summary (schemas, channels, statistics, indexes) and the footer, closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
      this.records.writeDataEnd({ dataSectionCrc: 0 });
      const summaryStart = this.position + BigInt(this.records.length);
      const offsets: McapTypes.SummaryOffset[] = [];
      const group = (opcode: number, write: () => bigint): void => {
        const groupStart = this.position + BigInt(this.records.length);
        const groupLength = write();
        if (groupLength > 0n) offsets.push({ groupOpcode: opcode, groupStart, groupLength });
      };
      group(Opcode.SCHEMA, () => this.schemas.reduce((n, s) => n + this.records.writeSchema(s), 0n));
      group(Opcode.CHANNEL, () => this.channels.reduce((n, c) => n + this.records.writeChannel(c), 0n));
      group(Opcode.STATISTICS, () => this.records.writeStatistics(this.statistics()));
      group(Opcode.METADATA_INDEX, () => this.metadataIndexes.reduce((n, m) => n + this.records.writeMetadataIndex(m), 0n));
      group(Opcode.CHUNK_INDEX, () => this.chunkIndexes.reduce((n, c) => n + this.records.writeChunkIndex(c), 0n));
      const summaryOffsetStart = this.position + BigInt(this.records.length);
      for (const o of offsets) this.records.writeSummaryOffset(o);
      this.records.writeFooter({ summaryStart, summaryOffsetStart, summaryCrc: 0 });
      this.records.writeMagic();
      await this.writeOut();
    } finally {
      await this.file.close();
    }
  }

  /** Closes the file as it is, without a summary (after a write error: what was written stays readable). */
  async abandon(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }

  private newChannel(topic: string, spec: ChannelSpec): number {
    let schemaId = this.schemaIds.get(spec.schema.name);
    if (schemaId === undefined) {
      schemaId = this.schemas.length + 1;
      this.schemas.push({ id: schemaId, ...spec.schema });
      this.schemaIds.set(spec.schema.name, schemaId);
    }
    const id = this.channels.length;
    this.channels.push({ id, topic, messageEncoding: spec.messageEncoding, schemaId, metadata: new Map() });
    this.channelIds.set(topic, id);
    return id;
  }

  private statistics(): McapTypes.Statistics {
    const any = this.messageCount > 0;
    return {
      messageCount: BigInt(this.messageCount),
      schemaCount: this.schemas.length,
      channelCount: this.channels.length,
      attachmentCount: 0,
      metadataCount: this.metadataCount,
      chunkCount: this.chunkCount,
      messageStartTime: any ? toNs(this.messageStart) : 0n,
      messageEndTime: any ? toNs(this.messageEnd) : 0n,
      channelMessageCounts: new Map(this.channelCounts.flatMap((n, id) => (n ? [[id, BigInt(n)] as [number, bigint]] : []))),
    };
  }

  /** Writes what the record builder holds, then `after` (bytes serialized elsewhere). */
  private async writeOut(after?: Uint8Array): Promise<void> {
    await this.writeAll(this.records.buffer);
    this.records.reset();
    if (after) await this.writeAll(after);
  }

  private async writeAll(buffer: Uint8Array): Promise<void> {
    let done = 0;
    while (done < buffer.byteLength) {
      const { bytesWritten } = await this.file.write(buffer, done, buffer.byteLength - done);
      done += bytesWritten;
    }
    this.position += BigInt(buffer.byteLength);
  }
}
