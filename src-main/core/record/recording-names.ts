/** Names on disk shared by the recorder and the recordings browser. */

const SEGMENT = /^seg-(\d{4,})-(\d+)\.mcap$/;

/** The recorder's own channels and metadata; every other channel is an MQTT topic. */
export const STATUS_TOPIC = 'linetwin/status';
export const ACTIONS_TOPIC = 'linetwin/actions';
export const BOOKMARKS_TOPIC = 'linetwin/bookmarks';
export const KEYFRAMES_TOPIC = 'linetwin/keyframes';
export const PLANT_METADATA = 'linetwin.plant';
export const SESSION_METADATA = 'linetwin.session';

/** A plant's folder under the recordings root: its id, safe for a path. */
export const plantFolderName = (plantId: string): string => plantId.replace(/[^A-Za-z0-9_-]/g, '_');

export function segmentFileName(index: number, startMs: number): string {
  return `seg-${String(index).padStart(4, '0')}-${Math.round(startMs)}.mcap`;
}

/** A segment file name (or a path ending in one). */
export function isSegmentFile(path: string): boolean {
  return SEGMENT.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The start a segment's name gives (a file name or a path ending in one); undefined for other names. */
export function segmentStartOf(path: string): number | undefined {
  const m = SEGMENT.exec(path.slice(path.lastIndexOf('/') + 1));
  return m ? Number(m[2]) : undefined;
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
