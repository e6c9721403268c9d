/** Names on disk shared by the recorder and the recordings browser. */

const SEGMENT = /^seg-(\d{4,})-(\d+)\.mcap$/;

export function segmentFileName(index: number, startMs: number): string {
  return `seg-${String(index).padStart(4, '0')}-${Math.round(startMs)}.mcap`;
}

/** A segment file name (or a path ending in one). */
export function isSegmentFile(path: string): boolean {
  return SEGMENT.test(path.slice(path.lastIndexOf('/') + 1));
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `<YYYYMMDD-HHmmss>-<source>`, UTC: the same name whatever the machine's time zone. */
export function sessionFolderName(startMs: number, source: string): string {
  const d = new Date(startMs);
  const date = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
  return `${date}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}-${source}`;
}

/** The start of the segment holding `t`: segments follow each other every `segmentMs` from `from`. */
export function segmentStart(from: number, t: number, segmentMs: number): number {
  return from + Math.floor((t - from) / segmentMs) * segmentMs;
}
