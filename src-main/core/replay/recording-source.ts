import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { McapTypes } from '@mcap/core';
import { KEYFRAMES_TOPIC, recordedItem, type RecordedItem } from './recorded-item';
import { McapSegment, RecordingError, type ChannelSpec } from './mcap-segment';

/** `seg-<NNNN>-<startMs>.mcap`: the recorder names each segment by its start. */
const SEGMENT_NAME = /^seg-\d+-(\d+)\.mcap$/;
/** How many segments back a seek looks for a keyframe before it starts from the recording's start. */
const KEYFRAME_SEARCH_SEGMENTS = 3;

interface Part {
  seg: McapSegment;
  /** Where the recorder started the segment: its retained block carries this stamp. */
  begins: number;
}

/**
 * A recording: one MCAP file, or a flight-recorder session folder of segments. Gives its
 * records in log-time order between two times. Each segment after the first opens with the
 * last message per topic seen before it (so it can be read alone); read in sequence those are
 * repeats of messages already given, and are left out.
 */
export class RecordingSource {
  private constructor(
    readonly path: string,
    private readonly parts: Part[],
    private readonly own: string[],
  ) {}

  /** What the reader had to say: skipped files, truncated or corrupt segments, clock anomalies. */
  get notices(): string[] {
    return [...this.own, ...this.parts.flatMap((p) => p.seg.notices)];
  }

  static async open(path: string, decompress: McapTypes.DecompressHandlers = {}): Promise<RecordingSource> {
    let files: string[];
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      throw new RecordingError(`cannot open ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (isDir) {
      files = (await readdir(path)).filter((f) => f.endsWith('.mcap')).sort().map((f) => join(path, f));
      if (files.length === 0) throw new RecordingError(`${path} holds no .mcap file`);
    } else files = [path];
    const parts: Part[] = [];
    const notices: string[] = [];
    let firstError: RecordingError | undefined;
    for (const file of files) {
      try {
        const seg = await McapSegment.open(file, decompress);
        const named = SEGMENT_NAME.exec(basename(file))?.[1];
        parts.push({ seg, begins: named !== undefined ? Number(named) : seg.start });
      } catch (err) {
        if (!(err instanceof RecordingError)) throw err;
        firstError ??= err;
        notices.push(`skipped: ${err.message}`);
      }
    }
    if (parts.length === 0) throw firstError ?? new RecordingError(`${path} holds no readable segment`);
    parts.sort((a, b) => a.begins - b.begins || a.seg.start - b.seg.start);
    const src = new RecordingSource(path, parts, notices);
    const anomalies = src.clockAnomalies;
    // Said once for the recording, not per segment.
    if (anomalies.backward > 0) notices.push(`clock anomalies: log time went back ${anomalies.backward} times; read in log-time order`);
    if (anomalies.implausible > 0) notices.push(`clock anomalies: ${anomalies.implausible} messages stamped before 2000 (an unset clock); not replayed`);
    return src;
  }

  get start(): number {
    return Math.min(...this.parts.map((p) => p.seg.start));
  }

  get end(): number {
    return Math.max(...this.parts.map((p) => p.seg.end));
  }

  get segments(): number {
    return this.parts.length;
  }

  get bytes(): number {
    return this.parts.reduce((sum, p) => sum + p.seg.bytes, 0);
  }

  get messageCount(): number {
    return this.parts.reduce((sum, p) => sum + p.seg.messageCount, 0);
  }

  get clockAnomalies(): { backward: number; implausible: number } {
    let backward = 0;
    let implausible = 0;
    for (const p of this.parts) {
      backward += p.seg.backwardSteps;
      implausible += p.seg.implausible;
    }
    return { backward, implausible };
  }

  /** The plant file JSON text the recording carries (`linetwin.plant` metadata). */
  get plantJson(): string | undefined {
    for (const p of this.parts) if (p.seg.plantJson) return p.seg.plantJson;
    return undefined;
  }

  get session(): Record<string, string> | undefined {
    for (const p of this.parts) if (p.seg.session) return p.seg.session;
    return undefined;
  }

  /** How the topic's channel was written (the first segment that has it). */
  channelSpec(topic: string): ChannelSpec | undefined {
    for (const p of this.parts) {
      const spec = p.seg.channels.get(topic);
      if (spec) return spec;
    }
    return undefined;
  }

  /** Records with `from < at <= to` (`from <= at` when `inclusive`), in log-time order; keyframes are read by `keyframeAtOrBefore`. */
  async *items(from: number, to: number, inclusive = false): AsyncGenerator<RecordedItem> {
    for await (const batch of this.batches(from, to, inclusive)) yield* batch;
  }

  /** The same records in batches: what a fast replay reads, without a step per record. */
  async *batches(from: number, to: number, inclusive = false): AsyncGenerator<RecordedItem[]> {
    for (let i = 0; i < this.parts.length; i += 1) {
      const { seg, begins } = this.parts[i] as Part;
      if (seg.end < from || seg.start > to) continue;
      const retained = i === 0 ? undefined : new Set<string>();
      for await (const records of seg.batches(from, to)) {
        const out: RecordedItem[] = [];
        for (const r of records) {
          if (r.at < from || (!inclusive && r.at === from) || r.topic === KEYFRAMES_TOPIC) continue;
          if (retained && r.at === begins && !r.topic.startsWith('linetwin/') && !retained.has(r.topic)) {
            retained.add(r.topic);
            continue;
          }
          const item = recordedItem(r.topic, r.at, r.data);
          if (item) out.push(item);
        }
        if (out.length > 0) yield out;
      }
    }
  }

  /** The latest engine keyframe at or before `t`, with the log time it was recorded at. */
  async keyframeAtOrBefore(t: number): Promise<{ at: number; engine: unknown } | undefined> {
    let looked = 0;
    for (let i = this.parts.length - 1; i >= 0 && looked < KEYFRAME_SEARCH_SEGMENTS; i -= 1) {
      const { seg } = this.parts[i] as Part;
      if (seg.start > t) continue;
      looked += 1;
      const r = await seg.keyframeAtOrBefore(t);
      const item = r && recordedItem(r.topic, r.at, r.data);
      if (r && item?.kind === 'keyframe') return { at: r.at, engine: item.engine };
    }
    return undefined;
  }

}
