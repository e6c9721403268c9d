import { readdir, stat } from 'node:fs/promises';
import type { McapTypes } from '@mcap/core';
import { join } from 'node:path';
import type { RecordingEntry } from '../../shared/replay';
import { McapSegment } from './mcap-segment';

const SEGMENT_NAME = /^seg-\d+-(\d+)\.mcap$/;
/** Sessions listed at most; the newest first. */
const MAX_LISTED = 500;

async function entries(dir: string): Promise<Array<{ name: string; path: string; dir: boolean }>> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, path: join(dir, d.name), dir: d.isDirectory() }));
  } catch {
    return [];
  }
}

/**
 * What a recording is, read cheaply: the span from the segment names and the last segment's
 * index, the plant and source from its metadata. A folder of unreadable files is left out.
 */
async function describe(path: string, files: string[], decompress: McapTypes.DecompressHandlers): Promise<RecordingEntry | undefined> {
  if (files.length === 0) return undefined;
  let bytes = 0;
  for (const f of files) bytes += (await stat(f).catch(() => ({ size: 0 }))).size;
  const sorted = [...files].sort();
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    const last = await McapSegment.open(sorted[i] as string, decompress).catch(() => undefined);
    if (!last) continue;
    const named = SEGMENT_NAME.exec(sorted[0]?.split(/[\\/]/).pop() ?? '')?.[1];
    const first = named !== undefined ? Number(named) : sorted.length === 1 ? last.start : (await McapSegment.open(sorted[0] as string, decompress).catch(() => last)).start;
    let plantName = { zh: '', en: '' };
    let plantId = last.session?.plantId ?? '';
    try {
      const plant = JSON.parse(last.plantJson ?? '{}') as { id?: string; name?: { zh: string; en: string } };
      plantName = plant.name ?? plantName;
      plantId ||= plant.id ?? '';
    } catch {
      // A recording without a readable plant file is still listed; opening it says why it cannot play.
    }
    return { path, plantId, plantName, start: Math.min(first, last.start), end: last.end, segments: files.length, bytes, source: last.session?.source ?? '' };
  }
  return undefined;
}

/**
 * The recordings under a folder (`<data-dir>/recordings`): flight-recorder sessions
 * (`<plantId>/<session>/seg-*.mcap`) and single `.mcap` files at either level, newest first.
 */
export async function listRecordings(root: string, decompress: McapTypes.DecompressHandlers): Promise<RecordingEntry[]> {
  const out: RecordingEntry[] = [];
  const add = async (path: string, files: string[]): Promise<void> => {
    const entry = await describe(path, files, decompress);
    if (entry) out.push(entry);
  };
  for (const top of await entries(root)) {
    if (!top.dir) {
      if (top.name.endsWith('.mcap')) await add(top.path, [top.path]);
      continue;
    }
    for (const inner of await entries(top.path)) {
      // A dot folder is a recording still being made (the demo's night shift): listed once it is whole.
      if (inner.name.startsWith('.')) continue;
      if (inner.dir) {
        const segs = (await entries(inner.path)).filter((f) => !f.dir && f.name.endsWith('.mcap')).map((f) => f.path);
        await add(inner.path, segs);
      } else if (inner.name.endsWith('.mcap')) await add(inner.path, [inner.path]);
    }
  }
  return out.sort((a, b) => b.start - a.start).slice(0, MAX_LISTED);
}
