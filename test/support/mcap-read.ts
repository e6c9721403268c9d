import { readFile } from 'node:fs/promises';
import { McapIndexedReader, McapStreamReader, type McapTypes } from '@mcap/core';
import { loadChunkDecompressors } from '../../src-main/core/replay/chunk-decompression';

export interface ReadMessage {
  topic: string;
  logTime: number;
  publishTime: number;
  data: Uint8Array;
  text: string;
}

export interface ReadSegment {
  header: McapTypes.Header | undefined;
  metadata: Map<string, Map<string, string>>;
  channels: McapTypes.Channel[];
  schemas: McapTypes.Schema[];
  messages: ReadMessage[];
}

const decoder = new TextDecoder();
const ms = (ns: bigint): number => Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;

/** A segment through the summary and indexes, as MCAP tools open a finished file; throws if the file has none. */
export async function readIndexed(path: string): Promise<ReadSegment> {
  const bytes = await readFile(path);
  const reader = await McapIndexedReader.Initialize({
    decompressHandlers: await loadChunkDecompressors(),
    readable: { size: async () => BigInt(bytes.byteLength), read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)) },
  });
  const metadata = new Map<string, Map<string, string>>();
  for await (const m of reader.readMetadata()) metadata.set(m.name, m.metadata);
  const messages: ReadMessage[] = [];
  for await (const m of reader.readMessages()) {
    const ch = reader.channelsById.get(m.channelId) as McapTypes.Channel;
    messages.push({ topic: ch.topic, logTime: ms(m.logTime), publishTime: ms(m.publishTime), data: m.data, text: decoder.decode(m.data) });
  }
  return { header: reader.header, metadata, channels: [...reader.channelsById.values()], schemas: [...reader.schemasById.values()], messages };
}

/** A segment record by record from its start, as a recovery read of a crashed file: everything up to the first torn record. */
export async function readStreaming(path: string): Promise<ReadSegment & { complete: boolean }> {
  const reader = new McapStreamReader({ validateCrcs: true, decompressHandlers: await loadChunkDecompressors() });
  reader.append(await readFile(path));
  const out: ReadSegment = { header: undefined, metadata: new Map(), channels: [], schemas: [], messages: [] };
  const channels = new Map<number, McapTypes.Channel>();
  for (;;) {
    let record: McapTypes.TypedMcapRecord | undefined;
    try {
      record = reader.nextRecord();
    } catch {
      break;
    }
    if (!record) break;
    switch (record.type) {
      case 'Header':
        out.header = record;
        break;
      case 'Metadata':
        out.metadata.set(record.name, record.metadata);
        break;
      case 'Schema':
        out.schemas.push(record);
        break;
      case 'Channel':
        channels.set(record.id, record);
        out.channels.push(record);
        break;
      case 'Message': {
        const ch = channels.get(record.channelId) as McapTypes.Channel;
        out.messages.push({ topic: ch.topic, logTime: ms(record.logTime), publishTime: ms(record.publishTime), data: record.data, text: decoder.decode(record.data) });
        break;
      }
    }
  }
  return { ...out, complete: reader.done() };
}
