import { mkdir, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppliedOperatorAction } from '../../shared/operator-action';
import type { PlantFile } from '../../shared/plant-schema';
import type { Bookmark, RecorderStatus, SourceInfo } from '../../shared/views';
import type { Clock } from '../clock';
import type { RawMessage } from '../raw-message';
import type { ChunkCompression } from './chunk-compression';
import { McapSegmentFile } from './mcap-segment-file';
import { ACTIONS_TOPIC, BOOKMARKS_TOPIC, channelSpecFor, KEYFRAMES_TOPIC, payloadTime, STATUS_TOPIC } from './recording-channels';
import { isSegmentFile, PLANT_METADATA, plantFolderName, segmentFileName, segmentStart, segmentStartOf, SESSION_METADATA, sessionFolderName } from './recording-names';

/** What the live path calls; never throws into the pipeline. */
export interface RecorderTap {
  /** Before `engine.ingest`, with the same `receivedAt`. */
  message(msg: RawMessage): void;
  status(info: SourceInfo, at: number): void;
  action(a: AppliedOperatorAction): void;
  bookmark(b: Bookmark): void;
}

export interface FlightRecorderOptions {
  /** The recordings folder; sessions go in `<root>/<plantId>/<YYYYMMDD-HHmmss>-<source>/`. Retention covers all of it. */
  root: string;
  /** Write the segments in exactly this folder instead of a new session folder under `root`. */
  sessionDir?: string;
  plant: PlantFile;
  /** The plant file's text as loaded; default the plant serialized. */
  plantJson?: string;
  source: 'live' | 'demo' | 'sim';
  url: string;
  /** Session start (ms): names the session folder. */
  start: number;
  /** Pipeline time: segment ages for retention. */
  clock: Clock;
  /** MCAP header library, `linetwin <version>`. */
  library: string;
  segmentMs?: number;
  retentionMs?: number;
  retentionBytes?: number;
  /** Longest a message waits in memory before its chunk is written (a crash loses at most this much). */
  flushMs?: number;
  /** Bytes of messages waiting to be written at most; what does not fit is dropped and counted. */
  maxQueueBytes?: number;
  compression?: ChunkCompression;
  /** The engine's state for exact seeks, taken every `keyframeMs` and at each segment start. */
  keyframe?: () => unknown;
  keyframeMs?: number;
  /** Messages not recorded, by reason (`recorder-…`): the engine's dropped counters. */
  onDrop?: (reason: string, count: number) => void;
  /** First retry after a write error; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export const DEFAULT_SEGMENT_MS = 5 * 60_000;
export const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;
export const DEFAULT_RETENTION_BYTES = 20 * 1024 ** 3;
/** Half the promised second: a timer late under load still keeps a crash within it. */
const DEFAULT_FLUSH_MS = 500;
const DEFAULT_MAX_QUEUE_BYTES = 32 * 1024 * 1024;
const DEFAULT_KEYFRAME_MS = 60_000;
const DEFAULT_RETRY_MS = 1000;
const DEFAULT_MAX_RETRY_MS = 60_000;
/** A chunk this big is written out without waiting for the flush timer. */
const CHUNK_BYTES = 1024 * 1024;
/** Last values kept for segment starts: a flood of unknown topics must not grow it without end. */
const MAX_LAST_VALUE_TOPICS = 20_000;
/** What a queued entry costs beyond its payload (object, topic string). */
const ENTRY_OVERHEAD_BYTES = 96;

type Entry =
  /** `owned`: the payload is a copy of its own, not a view into the source's batch buffer. */
  | { kind: 'message'; topic: string; payload: Uint8Array; t: number; publishTime: number; owned?: boolean }
  | { kind: 'json'; topic: string; t: number; data: Uint8Array }
  | { kind: 'segment'; index: number; start: number; keyframe?: { at: number; data: Uint8Array } };

interface KeptSegment {
  path: string;
  start: number;
  bytes: number;
}

const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The always-on flight recorder: every message as the engine received it, source status changes,
 * operator actions, bookmarks and engine keyframes, into self-contained MCAP segments
 * (DESIGN.md "Recording and replay"). The tap only queues (bounded, drops counted); one writer
 * loop does the file I/O. A write error stops recording with the error shown and retries with
 * backoff; the live pipeline never sees it.
 */
export class FlightRecorder implements RecorderTap {
  private readonly segmentMs: number;
  private readonly flushMs: number;
  private readonly maxQueueBytes: number;
  private readonly keyframeMs: number;
  private readonly retention: { ms: number; bytes: number };
  private queue: Entry[] = [];
  private queueBytes = 0;
  // Tap side: where the stream is cut into segments and keyframes, in stream order.
  private segmentIndex = -1;
  private segmentStartAt = 0;
  private newSegmentWanted = true;
  private lastT = -Infinity;
  private nextKeyframeAt = Infinity;
  // Writer side.
  private dir: string | undefined;
  private file: McapSegmentFile | undefined;
  private filePath: string | undefined;
  private fileStart = 0;
  private readonly lastByTopic = new Map<string, Extract<Entry, { kind: 'message' }>>();
  private lastStatus: Uint8Array | undefined;
  private writing = false;
  private flushDue = false;
  private idle: Promise<void> = Promise.resolve();
  private settleIdle: () => void = () => {};
  private readonly flushTimer: NodeJS.Timeout;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  /** Set on a write error until the retry: the tap drops (counted) instead of queueing. */
  private halted = false;
  private closed = false;
  private kept: KeptSegment[] = [];
  private keptBytes = 0;
  private readonly st: RecorderStatus;

  constructor(private readonly opts: FlightRecorderOptions) {
    this.segmentMs = opts.segmentMs ?? DEFAULT_SEGMENT_MS;
    this.flushMs = opts.flushMs ?? DEFAULT_FLUSH_MS;
    this.maxQueueBytes = opts.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES;
    this.keyframeMs = opts.keyframeMs ?? DEFAULT_KEYFRAME_MS;
    this.retention = { ms: opts.retentionMs ?? DEFAULT_RETENTION_MS, bytes: opts.retentionBytes ?? DEFAULT_RETENTION_BYTES };
    this.retryMs = opts.retryMs ?? DEFAULT_RETRY_MS;
    this.st = { on: true, bytes: 0, segments: 0, deletedSegments: 0, droppedMessages: 0, compression: opts.compression?.name ?? '' };
    // I/O pacing, not pipeline time: a crash loses at most this much of what was received.
    this.flushTimer = setInterval(() => {
      this.flushDue = true;
      this.kick();
    }, this.flushMs);
    this.flushTimer.unref();
  }

  status(): RecorderStatus;
  status(info: SourceInfo, at: number): void;
  status(info?: SourceInfo, at?: number): RecorderStatus | void {
    if (info === undefined || at === undefined) return this.view();
    this.record(STATUS_TOPIC, at, info);
  }

  message(msg: RawMessage): void {
    try {
      if (!this.accepting()) return;
      this.cut(msg.receivedAt);
      this.push(
        { kind: 'message', topic: msg.topic, payload: msg.payload, t: msg.receivedAt, publishTime: payloadTime(msg.topic, msg.payload) ?? msg.receivedAt },
        msg.payload.byteLength + msg.topic.length,
      );
    } catch {
      this.drop('recorder-failed');
    }
  }

  action(a: AppliedOperatorAction): void {
    this.record(ACTIONS_TOPIC, a.at, a);
  }

  bookmark(b: Bookmark): void {
    this.record(BOOKMARKS_TOPIC, b.at, b);
  }

  /** Writes what is queued, closes the open segment with its summary and stops. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.flushTimer);
    clearTimeout(this.retryTimer);
    await this.settled();
    if (this.file) {
      const file = this.file;
      this.file = undefined;
      await file.close().then(
        () => this.keep({ path: this.filePath as string, start: this.fileStart, bytes: file.bytes }),
        (err: unknown) => {
          this.st.error = errorText(err);
        },
      );
    }
    this.st.on = false;
  }

  /** Bytes of messages waiting for the writer: a producer faster than the disk (the simulator) waits on `drain` above a limit. */
  get backlogBytes(): number {
    return this.queueBytes;
  }

  /** Settles when everything queued so far is written (chunks flushed). */
  async drain(): Promise<void> {
    this.flushDue = true;
    this.kick();
    await this.settled();
  }

  private async settled(): Promise<void> {
    do await this.idle;
    while (this.writing);
  }

  private view(): RecorderStatus {
    const open = this.file?.bytes ?? 0;
    const oldest = this.kept[0]?.start;
    return {
      ...this.st,
      bytes: this.keptBytes + open,
      segments: this.kept.length + (this.file ? 1 : 0),
      ...(oldest !== undefined ? { oldestKept: oldest } : this.file ? { oldestKept: this.fileStart } : {}),
      ...(this.dir ? { dir: this.dir } : {}),
    };
  }

  private record(topic: string, at: number, value: unknown): void {
    try {
      if (!this.accepting()) return;
      this.cut(at);
      const data = json(value);
      this.push({ kind: 'json', topic, t: at, data }, data.byteLength);
    } catch {
      this.drop('recorder-failed');
    }
  }

  private accepting(): boolean {
    if (this.closed) return false;
    if (this.halted) {
      this.drop('recorder-stopped');
      return false;
    }
    return true;
  }

  /**
   * Segment and keyframe boundaries, decided here in stream order so a keyframe is the engine's
   * state after exactly the entries queued before it: those with an earlier time.
   */
  private cut(t: number): void {
    const at = Number.isFinite(t) ? t : this.lastT;
    if (this.newSegmentWanted || at >= this.segmentStartAt + this.segmentMs) {
      const start = this.newSegmentWanted ? at : segmentStart(this.segmentStartAt, at, this.segmentMs);
      this.newSegmentWanted = false;
      this.segmentIndex += 1;
      this.segmentStartAt = start;
      const keyframe = this.takeKeyframe(at);
      this.queueEntry({ kind: 'segment', index: this.segmentIndex, start, ...(keyframe ? { keyframe: { at, data: keyframe } } : {}) });
    } else if (at >= this.nextKeyframeAt && at > this.lastT) {
      const keyframe = this.takeKeyframe(at);
      if (keyframe) this.queueEntry({ kind: 'json', topic: KEYFRAMES_TOPIC, t: at, data: keyframe });
    }
    if (at > this.lastT) this.lastT = at;
  }

  private takeKeyframe(at: number): Uint8Array | undefined {
    if (!this.opts.keyframe) return undefined;
    this.nextKeyframeAt = at + this.keyframeMs;
    try {
      return json({ at, engine: this.opts.keyframe() });
    } catch {
      this.drop('recorder-keyframe-failed');
      return undefined;
    }
  }

  private push(entry: Entry, bytes: number): void {
    const cost = bytes + ENTRY_OVERHEAD_BYTES;
    if (this.queueBytes + cost > this.maxQueueBytes) {
      this.drop('recorder-backlog');
      return;
    }
    this.queueBytes += cost;
    this.queueEntry(entry);
  }

  /** Segment marks and keyframes go in whatever the backlog: without them the stream would not cut or seek right. */
  private queueEntry(entry: Entry): void {
    this.queue.push(entry);
    this.kick();
  }

  private drop(reason: string): void {
    this.st.droppedMessages += 1;
    this.opts.onDrop?.(reason, 1);
  }

  private kick(): void {
    if (this.writing || this.halted) return;
    if (this.queue.length === 0 && !(this.flushDue && this.file)) return;
    this.writing = true;
    this.idle = new Promise((resolve) => {
      this.settleIdle = resolve;
    });
    // After the current turn: the messages of a burst go to the writer as one batch, not one by one.
    setImmediate(() => {
      void this.writeLoop().finally(() => {
        this.writing = false;
        const settle = this.settleIdle;
        // Entries queued after the loop's last look at the queue, before this callback.
        this.kick();
        settle();
      });
    });
  }

  private async writeLoop(): Promise<void> {
    let batch: Entry[] = [];
    let i = 0;
    try {
      while (this.queue.length > 0 || (this.flushDue && this.file)) {
        batch = this.queue;
        this.queue = [];
        this.queueBytes = 0;
        for (i = 0; i < batch.length; i++) {
          const e = batch[i] as Entry;
          if (e.kind === 'segment') {
            await this.openSegment(e);
            continue;
          }
          this.write(e);
          if (this.file && this.file.pendingBytes >= CHUNK_BYTES) await this.file.flush();
        }
        batch = [];
        if (this.flushDue) {
          this.flushDue = false;
          this.ownLastValues();
          await this.file?.flush();
        }
      }
    } catch (err) {
      const lost = batch.slice(i).filter((e) => e.kind !== 'segment').length + this.queue.filter((e) => e.kind !== 'segment').length;
      this.queue = [];
      this.queueBytes = 0;
      await this.fail(err, lost);
    }
  }

  private write(e: Exclude<Entry, { kind: 'segment' }>): void {
    const file = this.file;
    if (e.kind === 'message') {
      if (this.lastByTopic.has(e.topic) || this.lastByTopic.size < MAX_LAST_VALUE_TOPICS) this.lastByTopic.set(e.topic, e);
      file?.add(e.topic, channelSpecFor, e.t, e.publishTime, e.payload);
      return;
    }
    if (e.topic === STATUS_TOPIC) this.lastStatus = e.data;
    file?.add(e.topic, channelSpecFor, e.t, e.t, e.data);
  }

  /**
   * A payload from the live source is a view into the batch it came in: a last value kept for
   * minutes would keep the whole batch. Copied once, at the flush after it arrived.
   */
  private ownLastValues(): void {
    for (const e of this.lastByTopic.values()) {
      if (e.owned) continue;
      e.payload = e.payload.slice();
      e.owned = true;
    }
  }

  private async openSegment(e: Extract<Entry, { kind: 'segment' }>): Promise<void> {
    const previous = this.file;
    this.file = undefined;
    if (previous) {
      await previous.close();
      this.keep({ path: this.filePath as string, start: this.fileStart, bytes: previous.bytes });
    }
    this.dir ??= await this.makeSessionDir();
    // The folder may have gone (deleted by hand, a disk swapped) since the last segment.
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, segmentFileName(e.index, e.start));
    const p = this.opts.plant;
    const file = await McapSegmentFile.create(
      path,
      this.opts.library,
      [
        { name: PLANT_METADATA, metadata: new Map([['json', this.opts.plantJson ?? JSON.stringify(p)]]) },
        {
          name: SESSION_METADATA,
          metadata: new Map([
            ['version', '1'],
            ['source', this.opts.source],
            ['url', this.opts.url],
            ['start', String(this.opts.start)],
            ['plantId', p.id],
          ]),
        },
      ],
      this.opts.compression,
    );
    this.file = file;
    this.filePath = path;
    this.fileStart = e.start;
    // Self-contained: the last value of every topic and the source status as they stood at the cut.
    for (const m of this.lastByTopic.values()) file.add(m.topic, channelSpecFor, e.start, m.publishTime, m.payload);
    if (this.lastStatus) file.add(STATUS_TOPIC, channelSpecFor, e.start, e.start, this.lastStatus);
    if (e.keyframe) file.add(KEYFRAMES_TOPIC, channelSpecFor, e.keyframe.at, e.keyframe.at, e.keyframe.data);
    await file.flush();
    if (this.st.error !== undefined) {
      delete this.st.error;
      this.retryMs = this.opts.retryMs ?? DEFAULT_RETRY_MS;
    }
    try {
      await this.applyRetention();
    } catch {
      // The folder could not be listed (a session folder deleted meanwhile): recording goes on, retention runs again at the next segment.
    }
  }

  private keep(segment: KeptSegment): void {
    this.kept.push(segment);
    this.keptBytes += segment.bytes;
  }

  private async makeSessionDir(): Promise<string> {
    if (this.opts.sessionDir) {
      await mkdir(this.opts.sessionDir, { recursive: true });
      return this.opts.sessionDir;
    }
    const plantDir = join(this.opts.root, plantFolderName(this.opts.plant.id));
    await mkdir(plantDir, { recursive: true });
    const base = sessionFolderName(this.opts.start, this.opts.source);
    for (let n = 1; ; n++) {
      const dir = join(plantDir, n === 1 ? base : `${base}-${n}`);
      try {
        await mkdir(dir);
        return dir;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }

  /**
   * Oldest segments first, by age then by total size, across every session under the root; the
   * open segment is never deleted. Also refreshes what the status says is kept.
   */
  private async applyRetention(): Promise<void> {
    const all: Array<KeptSegment & { writtenAt: number }> = [];
    const root = this.opts.sessionDir ?? this.opts.root;
    for (const rel of await readdir(root, { recursive: true })) {
      const path = join(root, rel);
      if (path === this.filePath || !isSegmentFile(rel)) continue;
      try {
        const st = await stat(path);
        all.push({ path, start: segmentStartOf(path) ?? 0, writtenAt: st.mtimeMs, bytes: st.size });
      } catch {
        // Deleted meanwhile (another recorder's retention): nothing to keep or count.
      }
    }
    // Age is when a segment was written here, not the time it covers: a recording made elsewhere or
    // from the simulator with an old start, put in this folder, is not deleted for its contents' date.
    all.sort((a, b) => a.writtenAt - b.writtenAt || a.path.localeCompare(b.path));
    const now = this.opts.clock.now();
    let total = all.reduce((n, s) => n + s.bytes, 0) + (this.file?.bytes ?? 0);
    const keep: KeptSegment[] = [];
    for (const s of all) {
      if (now - s.writtenAt > this.retention.ms || total > this.retention.bytes) {
        try {
          await rm(s.path);
          this.st.deletedSegments += 1;
          total -= s.bytes;
          await rmdir(join(s.path, '..')).catch(() => undefined);
          continue;
        } catch {
          // Not deletable (permissions): it stays kept and counted.
        }
      }
      keep.push(s);
    }
    this.kept = keep;
    this.keptBytes = keep.reduce((n, s) => n + s.bytes, 0);
  }

  private async fail(err: unknown, lost: number): Promise<void> {
    this.st.error = errorText(err);
    this.st.droppedMessages += lost;
    if (lost > 0) this.opts.onDrop?.('recorder-write-failed', lost);
    const file = this.file;
    this.file = undefined;
    await file?.abandon();
    if (this.closed) return;
    this.halted = true;
    this.retryTimer = setTimeout(() => {
      this.halted = false;
      this.newSegmentWanted = true;
      this.flushDue = false;
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.opts.maxRetryMs ?? DEFAULT_MAX_RETRY_MS);
  }
}
