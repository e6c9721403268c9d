import { open } from 'node:fs/promises';
import { McapWriter, type IWritable } from '@mcap/core';
import type { Clock } from '../clock';
import type { Engine } from '../engine';
import { ACTIONS_TOPIC, BOOKMARKS_TOPIC, KEYFRAMES_TOPIC, msToNs, PLANT_METADATA, SESSION_METADATA, STATUS_TOPIC, type RecordedItem } from './recorded-item';
import type { RecordingSource } from './recording-source';
import { ReplayPlayer } from './replay-player';

const CHUNK_BYTES = 1024 * 1024;
const json = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const JSON_OBJECT_SCHEMA = json({ type: 'object' });

/** Appends to an open file, a write at a time (the writer awaits each). */
class FileWritable implements IWritable {
  private pos = 0n;
  constructor(private readonly fh: Awaited<ReturnType<typeof open>>) {}
  position(): bigint {
    return this.pos;
  }
  async write(buffer: Uint8Array): Promise<void> {
    let done = 0;
    while (done < buffer.byteLength) done += (await this.fh.write(buffer, done, buffer.byteLength - done)).bytesWritten;
    this.pos += BigInt(buffer.byteLength);
  }
}

export interface ExportOptions {
  source: RecordingSource;
  engine: (clock: Clock) => Engine;
  from: number;
  to: number;
  path: string;
}

/**
 * A time range of a recording as one MCAP file that plays alone: the plant and session
 * metadata, an engine keyframe at `from` (the state a seek there gives), every record up to
 * `to` on channels with the schemas they were recorded with, and a keyframe at `to`.
 * Uncompressed, so any MCAP tool reads it.
 */
export async function exportRange(opts: ExportOptions): Promise<{ path: string; records: number }> {
  const from = Math.max(opts.source.start, Math.min(opts.from, opts.to));
  const to = Math.min(opts.source.end, Math.max(opts.from, opts.to));
  const scratch = new ReplayPlayer({ source: opts.source, engine: opts.engine, autoPump: false });
  await scratch.start();
  await scratch.seek(from);
  const keyframe = scratch.engine.keyframe();

  const fh = await open(opts.path, 'w');
  let records = 0;
  try {
    const writer = new McapWriter({ writable: new FileWritable(fh), chunkSize: CHUNK_BYTES });
    await writer.start({ profile: '', library: 'linetwin export' });
    const plant = opts.source.plantJson;
    if (plant) await writer.addMetadata({ name: PLANT_METADATA, metadata: new Map([['json', plant]]) });
    const session = { ...(opts.source.session ?? {}), start: String(from), exportedFrom: opts.source.path };
    await writer.addMetadata({ name: SESSION_METADATA, metadata: new Map(Object.entries(session)) });
    const channels = new Map<string, number>();
    const channel = async (topic: string): Promise<number> => {
      const known = channels.get(topic);
      if (known !== undefined) return known;
      const spec = opts.source.channelSpec(topic);
      const schemaId = spec?.schema ? await writer.registerSchema(spec.schema) : await writer.registerSchema({ name: topic.startsWith('linetwin/') ? topic.replace('/', '.') : 'linetwin.json', encoding: 'jsonschema', data: JSON_OBJECT_SCHEMA });
      const id = await writer.registerChannel({ topic, schemaId, messageEncoding: spec?.messageEncoding ?? 'json', metadata: spec?.metadata ?? new Map() });
      channels.set(topic, id);
      return id;
    };
    const put = async (topic: string, at: number, data: Uint8Array): Promise<void> => {
      await writer.addMessage({ channelId: await channel(topic), sequence: records, logTime: msToNs(at), publishTime: msToNs(at), data });
      records += 1;
    };
    await put(KEYFRAMES_TOPIC, from, json({ at: from, engine: keyframe }));
    await put(STATUS_TOPIC, from, json(keyframe.source));
    for await (const item of opts.source.items(from, to)) await put(...encode(item));
    // A keyframe at the end too: the export spans exactly the range, and seeks near its end are quick.
    await scratch.seek(to);
    await put(KEYFRAMES_TOPIC, to, json({ at: to, engine: scratch.engine.keyframe() }));
    await writer.end();
  } finally {
    await fh.close();
    await scratch.stop();
  }
  return { path: opts.path, records };
}

function encode(item: RecordedItem): [string, number, Uint8Array] {
  switch (item.kind) {
    case 'message':
      return [item.topic, item.at, item.payload];
    case 'status':
      return [STATUS_TOPIC, item.at, json(item.info)];
    case 'action':
      return [ACTIONS_TOPIC, item.at, json(item.action)];
    case 'bookmark':
      return [BOOKMARKS_TOPIC, item.at, json(item.bookmark)];
    case 'keyframe':
      return [KEYFRAMES_TOPIC, item.at, json({ at: item.at, engine: item.engine })];
  }
}
