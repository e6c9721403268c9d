import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { McapWriter, type IWritable } from '@mcap/core';
import { ManualClock, type Clock } from '../../src-main/core/clock';
import { SparkplugDecoder } from '../../src-main/core/decode/sparkplug-decoder';
import { Engine } from '../../src-main/core/engine';
import { EngineFeed } from '../../src-main/core/replay/engine-feed';
import { ACTIONS_TOPIC, BOOKMARKS_TOPIC, KEYFRAMES_TOPIC, msToNs, STATUS_TOPIC, type RecordedItem } from '../../src-main/core/replay/recorded-item';
import type { PlantFile } from '../../src-main/shared/plant-schema';

/** Synchronous appends to a file: the writer awaits nothing slow. */
class FileWritable implements IWritable {
  private pos = 0n;
  constructor(private readonly fd: number) {}
  position(): bigint {
    return this.pos;
  }
  async write(buffer: Uint8Array): Promise<void> {
    writeSync(this.fd, buffer);
    this.pos += BigInt(buffer.byteLength);
  }
}

export interface TestRecordingOptions {
  /** One file (`file`) or a session folder of segments of this length (`dir`). */
  file?: string;
  dir?: string;
  segmentMs?: number;
  /** Engine keyframes this often, and at each segment start; none without it. */
  keyframeMs?: number;
  chunkSize?: number;
  /** Chunk compression, as McapWriter takes it. */
  compressChunk?: (data: Uint8Array) => { compression: string; compressedData: Uint8Array };
  /** The engine the keyframes come from (default: the recording's plant, Sparkplug when it has a group). */
  engine?: (clock: Clock) => Engine;
}

export const engineFor =
  (plant: PlantFile) =>
  (clock: Clock): Engine =>
    new Engine({ plant, clock, families: plant.sparkplug ? [new SparkplugDecoder(plant)] : [] });

const json = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

interface Segment {
  writer: McapWriter;
  fd: number;
  channels: Map<string, number>;
}

/**
 * Writes a recording as the contract lays it out, for tests and benches:
 * plant and session metadata, one channel per topic with its schema, the recorder's channels,
 * segments that each open with the last message per topic, and keyframes from an engine fed
 * through the same EngineFeed the player uses.
 */
export async function writeTestRecording(plant: PlantFile, items: Iterable<RecordedItem>, opts: TestRecordingOptions): Promise<string[]> {
  const first = items[Symbol.iterator]().next().value as RecordedItem | undefined;
  const start = first?.at ?? 0;
  const segmentMs = opts.dir ? (opts.segmentMs ?? 5 * 60_000) : Infinity;
  const clock = new ManualClock(start);
  const feed = opts.keyframeMs ? new EngineFeed((opts.engine ?? engineFor(plant))(clock), clock, start) : undefined;
  const last = new Map<string, Uint8Array>();
  const paths: string[] = [];
  let seg: Segment | undefined;
  let segEnd = -Infinity;
  let nextKeyframe = opts.keyframeMs ? start + opts.keyframeMs : Infinity;
  let segIndex = 0;

  const channel = async (s: Segment, topic: string): Promise<number> => {
    let id = s.channels.get(topic);
    if (id !== undefined) return id;
    const sparkplug = topic.startsWith('spBv1.0/') && !topic.startsWith('spBv1.0/STATE/');
    const schemaId = await s.writer.registerSchema(
      sparkplug
        ? { name: 'org.eclipse.tahu.protobuf.Payload', encoding: 'protobuf', data: new Uint8Array() }
        : { name: topic.startsWith('linetwin/') ? topic.replace('/', '.') : 'linetwin.json', encoding: 'jsonschema', data: json({ type: 'object' }) },
    );
    id = await s.writer.registerChannel({ topic, schemaId, messageEncoding: sparkplug ? 'protobuf' : 'json', metadata: new Map() });
    s.channels.set(topic, id);
    return id;
  };
  const put = async (s: Segment, topic: string, at: number, data: Uint8Array): Promise<void> => {
    await s.writer.addMessage({ channelId: await channel(s, topic), sequence: 0, logTime: msToNs(at), publishTime: msToNs(at), data });
  };
  const keyframe = async (s: Segment, at: number): Promise<void> => {
    if (!feed) return;
    feed.advanceTo(at);
    await put(s, KEYFRAMES_TOPIC, at, json({ at, engine: feed.engine.keyframe() }));
  };
  const close = async (): Promise<void> => {
    if (!seg) return;
    await seg.writer.end();
    closeSync(seg.fd);
    seg = undefined;
  };
  const open = async (begins: number): Promise<Segment> => {
    await close();
    const path = opts.file ?? join(opts.dir as string, `seg-${String(segIndex).padStart(4, '0')}-${begins}.mcap`);
    if (opts.dir) mkdirSync(opts.dir, { recursive: true });
    segIndex += 1;
    paths.push(path);
    const fd = openSync(path, 'w');
    const writer = new McapWriter({ writable: new FileWritable(fd), chunkSize: opts.chunkSize ?? 256 * 1024, compressChunk: opts.compressChunk });
    await writer.start({ profile: '', library: 'linetwin test writer' });
    await writer.addMetadata({ name: 'linetwin.plant', metadata: new Map([['json', JSON.stringify(plant)]]) });
    await writer.addMetadata({ name: 'linetwin.session', metadata: new Map([['version', '1'], ['source', 'live'], ['url', 'mqtt://plant-broker:1883'], ['start', String(start)], ['plantId', plant.id]]) });
    const s: Segment = { writer, fd, channels: new Map() };
    for (const [topic, data] of last) await put(s, topic, begins, data);
    if (segIndex > 1) await keyframe(s, begins);
    return s;
  };

  for (const item of items) {
    // A keyframe at K holds every record stamped K or earlier; a segment holds (its start, its end].
    while (item.at > nextKeyframe && nextKeyframe < segEnd) {
      await keyframe(seg as Segment, nextKeyframe);
      nextKeyframe += opts.keyframeMs as number;
    }
    if (!seg || item.at > segEnd) {
      const begins = seg ? segEnd + Math.floor((item.at - segEnd - 1) / segmentMs) * segmentMs : start;
      seg = await open(begins);
      segEnd = begins + segmentMs;
      while (nextKeyframe <= begins) nextKeyframe += opts.keyframeMs as number;
    }
    feed?.apply(item);
    switch (item.kind) {
      case 'message':
        last.set(item.topic, item.payload);
        await put(seg, item.topic, item.at, item.payload);
        break;
      case 'status':
        await put(seg, STATUS_TOPIC, item.at, json(item.info));
        break;
      case 'action':
        await put(seg, ACTIONS_TOPIC, item.at, json(item.action));
        break;
      case 'bookmark':
        await put(seg, BOOKMARKS_TOPIC, item.at, json(item.bookmark));
        break;
      case 'keyframe':
        await put(seg, KEYFRAMES_TOPIC, item.at, json({ at: item.at, engine: item.engine }));
        break;
    }
  }
  await close();
  return paths;
}
