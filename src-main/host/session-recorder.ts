import { join } from 'node:path';
import { loadZstd, type ChunkCompression } from '../core/record/chunk-compression';
import { FlightRecorder } from '../core/record/flight-recorder';
import type { Engine } from '../core/engine';

/** The flight recorder's settings (flags `--record-dir`, `--retention-days`, … on `serve`). */
export interface RecordingOptions {
  /** No recording at all (`--no-record`). */
  off?: boolean;
  /** The recordings folder; default `<data-dir>/recordings`. */
  dir?: string;
  segmentMs?: number;
  retentionMs?: number;
  retentionBytes?: number;
  /** MCAP header library: `linetwin <version>`. */
  library?: string;
}

export function recordingsDir(dataDir: string): string {
  return join(dataDir, 'recordings');
}

/** Where recordings are kept: `--record-dir`, else `<data-dir>/recordings`; undefined without either. */
export function recordingsRoot(opts: { dataDir?: string; recording?: RecordingOptions }): string | undefined {
  return opts.recording?.dir ?? (opts.dataDir === undefined ? undefined : recordingsDir(opts.dataDir));
}

/** A broker URL as a recording keeps it: without user name or password. */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

let compression: Promise<ChunkCompression | undefined> | undefined;

/**
 * A flight recorder for one session of `engine` (a plant load or a source switch starts a new
 * one), or none without a data folder or with recording off. What it cannot record is counted
 * in the engine's dropped counters; its status shows in the engine's health.
 */
export async function openSessionRecorder(
  engine: Engine,
  source: 'live' | 'demo',
  url: string,
  opts: { dataDir?: string; recording?: RecordingOptions },
): Promise<FlightRecorder | undefined> {
  const r = opts.recording ?? {};
  const root = recordingsRoot(opts);
  if (r.off || root === undefined) return undefined;
  compression ??= loadZstd();
  const recorder = new FlightRecorder({
    root,
    plant: engine.plant,
    source,
    url: url.split(',').map(withoutCredentials).join(','),
    start: engine.clock.now(),
    clock: engine.clock,
    library: r.library ?? 'linetwin',
    segmentMs: r.segmentMs,
    retentionMs: r.retentionMs,
    retentionBytes: r.retentionBytes,
    compression: await compression,
    onDrop: (reason, count) => engine.counters.dropped.add(reason, count),
    // Keyframes let a replay seek anywhere in the seek budget instead of replaying from the start.
    keyframe: () => engine.keyframe(),
  });
  engine.recorderStatus = () => recorder.status();
  return recorder;
}
