import { REPLAY_SPEEDS, type Bookmark, type LineBand, type ReplayOverview, type ReplaySpeed } from '../../src-main/shared/replay';
import { NORMAL_GREY, PRIORITY_STYLE, type Priority } from '../scene/state-style';

export type { ReplaySpeed };

/** Plant time: a shift is eight hours, so the speeds go far past a video player's. */
export const SPEEDS = REPLAY_SPEEDS;

/** The next speed up (+1) or down (-1) the list; an unlisted speed moves to its neighbour in the list. */
export function stepSpeed(current: ReplaySpeed, dir: 1 | -1): ReplaySpeed {
  const rank = (s: ReplaySpeed): number => (s === 'max' ? Infinity : s);
  const r = rank(current);
  if (dir > 0) return SPEEDS.find((s) => rank(s) > r) ?? SPEEDS[SPEEDS.length - 1]!;
  return [...SPEEDS].reverse().find((s) => rank(s) < r) ?? SPEEDS[0]!;
}

/** A time range drawn over a width in pixels. */
export interface Scale {
  from: number;
  to: number;
  width: number;
}

export function timeToX(scale: Scale, t: number): number {
  const span = scale.to - scale.from;
  if (span <= 0 || scale.width <= 0) return 0;
  const x = ((t - scale.from) / span) * scale.width;
  return Math.min(scale.width, Math.max(0, x));
}

/** The time under a pixel, clamped to the range, whole milliseconds. */
export function xToTime(scale: Scale, x: number): number {
  if (scale.width <= 0) return scale.from;
  const f = Math.min(1, Math.max(0, x / scale.width));
  return Math.round(scale.from + f * (scale.to - scale.from));
}

/** ISA-101, as the 3D scene and the state timeline: normal states grey, colour only where something is wrong. */
export const BAND_FILL: Record<LineBand, string> = {
  running: NORMAL_GREY,
  stopped: '#5a6066',
  starved: PRIORITY_STYLE[3].color,
  blocked: PRIORITY_STYLE[2].color,
  fault: PRIORITY_STYLE[1].color,
};

/** Which band wins a pixel two bands share: the one that needs attention most. */
const BAND_RANK: Record<LineBand, number> = { running: 0, stopped: 1, starved: 2, blocked: 3, fault: 4 };

export interface BandRect {
  x: number;
  w: number;
  band: LineBand;
}

/**
 * One line's bands as pixel rectangles: whole pixels, neighbours of the same band merged, and a
 * band shorter than a pixel still shown (a one-minute fault in an eight-hour shift must not vanish)
 * by taking the pixel from a less urgent band.
 */
export function layoutBands(segments: ReadonlyArray<{ start: number; end: number; band: LineBand }>, scale: Scale): BandRect[] {
  const width = Math.floor(scale.width);
  if (width <= 0) return [];
  const pixels: Array<LineBand | undefined> = new Array<LineBand | undefined>(width);
  for (const seg of segments) {
    if (seg.end < scale.from || seg.start > scale.to) continue;
    const x0 = Math.floor(timeToX(scale, seg.start));
    const x1 = Math.max(x0 + 1, Math.ceil(timeToX(scale, seg.end)));
    for (let x = x0; x < Math.min(x1, width); x++) {
      const cur = pixels[x];
      if (cur === undefined || BAND_RANK[seg.band] > BAND_RANK[cur]) pixels[x] = seg.band;
    }
  }
  const out: BandRect[] = [];
  for (let x = 0; x < width; x++) {
    const band = pixels[x];
    if (band === undefined) continue;
    const last = out[out.length - 1];
    if (last && last.band === band && last.x + last.w === x) last.w++;
    else out.push({ x, w: 1, band });
  }
  return out;
}

/** A priority outside 1–4 (bad data in a recording) shows as the least urgent rather than breaking the icon lookup. */
export function asPriority(p: number): Priority {
  return p === 1 || p === 2 || p === 3 ? p : 4;
}

export type MarkerKind = 'alarm' | 'bookmark';

/** Times of the markers of a kind, sorted. */
export function markerTimes(overview: Pick<ReplayOverview, 'alarms' | 'bookmarks'> | undefined, kind: MarkerKind): number[] {
  if (!overview) return [];
  const times = kind === 'alarm' ? overview.alarms.map((a) => a.t) : overview.bookmarks.map((b) => b.at);
  return times.sort((a, b) => a - b);
}

/**
 * The marker to jump to from `position`: the first one after it (next) or before it (previous).
 * A marker within `toleranceMs` of the position counts as where we are, so pressing "next" twice
 * moves on even though a seek lands a little off the marker.
 */
export function adjacentMarker(sortedTimes: readonly number[], position: number, dir: 1 | -1, toleranceMs = 500): number | undefined {
  if (dir > 0) return sortedTimes.find((t) => t > position + toleranceMs);
  for (let i = sortedTimes.length - 1; i >= 0; i--) {
    const t = sortedTimes[i]!;
    if (t < position - toleranceMs) return t;
  }
  return undefined;
}

/** A loop range from a drag, ordered; a drag shorter than `minMs` is a click, not a range. */
export function loopFromDrag(a: number, b: number, minMs = 1000): { from: number; to: number } | undefined {
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  return to - from >= minMs ? { from, to } : undefined;
}

/** Bookmarks sorted by time, for the list and the markers. */
export function sortBookmarks(list: readonly Bookmark[]): Bookmark[] {
  return [...list].sort((a, b) => a.at - b.at);
}

export interface AlarmMarker {
  x: number;
  t: number;
  station: string;
  priority: Priority;
  /** Alarms drawn as this one marker. */
  count: number;
}

/**
 * Alarm markers for the scrubber: alarms closer than `bucketPx` share one marker that shows the
 * most urgent of them (and how many), so an alarm flood stays readable and the DOM stays small.
 */
export function clusterAlarms(alarms: ReadonlyArray<{ t: number; priority: number; station: string }>, scale: Scale, bucketPx = 10): AlarmMarker[] {
  const buckets = new Map<number, AlarmMarker>();
  for (const a of alarms) {
    if (a.t < scale.from || a.t > scale.to) continue;
    const x = timeToX(scale, a.t);
    const key = Math.floor(x / bucketPx);
    const priority = asPriority(a.priority);
    const m = buckets.get(key);
    if (!m) buckets.set(key, { x, t: a.t, station: a.station, priority, count: 1 });
    else {
      m.count++;
      if (priority < m.priority) Object.assign(m, { x, t: a.t, station: a.station, priority });
    }
  }
  return [...buckets.values()].sort((a, b) => a.x - b.x);
}

const MIN = 60_000;
const TICK_STEPS = [MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, 60 * MIN, 2 * 60 * MIN, 3 * 60 * MIN, 6 * 60 * MIN, 12 * 60 * MIN, 24 * 60 * MIN];

/**
 * Axis ticks on whole clock times (in the display's time zone, given as its offset from UTC in
 * minutes, east positive), the finest step that keeps ticks at least `minPx` apart.
 */
export function axisTicks(scale: Scale, minPx = 90, utcOffsetMin = 0): number[] {
  const span = scale.to - scale.from;
  if (span <= 0 || scale.width <= 0) return [];
  const step = TICK_STEPS.find((s) => (s / span) * scale.width >= minPx) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const offset = utcOffsetMin * MIN;
  const first = Math.ceil((scale.from + offset) / step) * step - offset;
  const out: number[] = [];
  for (let t = first; t <= scale.to; t += step) out.push(t);
  return out;
}

export interface TimeRange {
  from: number;
  to: number;
}

/** The narrowest view the scrubber zooms to: a minute across the bar. */
export const MIN_VIEW_MS = 60_000;

/**
 * Zooms a view by `factor` (< 1 in, > 1 out) around the time under the pointer, which stays where
 * it is on screen; kept inside the recording and no narrower than MIN_VIEW_MS.
 */
export function zoomView(view: TimeRange, anchor: number, factor: number, bounds: TimeRange): TimeRange {
  const full = bounds.to - bounds.from;
  const span = Math.min(full, Math.max(Math.min(MIN_VIEW_MS, full), (view.to - view.from) * factor));
  const f = view.to > view.from ? (anchor - view.from) / (view.to - view.from) : 0.5;
  const from = anchor - f * span;
  return clampView({ from, to: from + span }, bounds);
}

/** A view moved back inside the recording, its span kept, in whole milliseconds. */
export function clampView(view: TimeRange, bounds: TimeRange): TimeRange {
  const span = Math.round(Math.min(view.to - view.from, bounds.to - bounds.from));
  const from = Math.round(Math.min(Math.max(view.from, bounds.from), bounds.to - span));
  return { from, to: from + span };
}

/** While playing, a zoomed view pages on so the playhead stays in sight. */
export function followView(view: TimeRange, position: number, bounds: TimeRange): TimeRange {
  if (position >= view.from && position <= view.to) return view;
  const span = view.to - view.from;
  return clampView(position > view.to ? { from: position, to: position + span } : { from: position - span, to: position }, bounds);
}

/** Whether the view shows less than the whole recording. */
export const isZoomed = (view: TimeRange | undefined, bounds: TimeRange): view is TimeRange => view !== undefined && (view.from > bounds.from || view.to < bounds.to);
