import type { RecordingEntry } from '../../src-main/shared/replay';
import { LOCALE, type Lang } from '../i18n/strings';
import type { ReplaySpeed, TimeRange } from './timeline-math';

/** A time that cannot be shown (a recording still being written has no end yet): a dash, never a thrown RangeError. */
const NO_TIME = '—';

/** The wall-display readout: a 24-hour time to the second and the date in the UI language's form. */
export function readout(ms: number, lang: Lang, timeZone?: string): { time: string; date: string } {
  if (!Number.isFinite(ms)) return { time: NO_TIME, date: '' };
  const d = new Date(ms);
  const time = new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(d);
  const date = new Intl.DateTimeFormat(LOCALE[lang], { year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric', weekday: 'short', timeZone }).format(d);
  return { time, date };
}

/** A short 24-hour time with date, for lists and marker titles: "30 Nov 03:10:44". */
export function shortStamp(ms: number, lang: Lang, timeZone?: string): string {
  if (!Number.isFinite(ms)) return NO_TIME;
  return new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(ms));
}

/** "8 h 05 min", "4 min 12 s", "12 s" (in the units given: the UI language's). */
export function formatSpan(ms: number, units: { h: string; min: string; s: string }): string {
  // Negative: an end before the start, or no end at all (null counts as 0).
  if (!Number.isFinite(ms) || ms < 0) return NO_TIME;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} ${units.h} ${String(m).padStart(2, '0')} ${units.min}`;
  if (m > 0) return `${m} ${units.min} ${String(sec).padStart(2, '0')} ${units.s}`;
  return `${sec} ${units.s}`;
}

/** Bytes in binary units: "512 B", "3.4 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export const speedLabel = (s: ReplaySpeed, maxLabel: string): string => (s === 'max' ? maxLabel : `${s}×`);

export interface RecordingGroup {
  plantId: string;
  plantName: string;
  /** Newest session first: the shift asked about is usually the last one. */
  entries: RecordingEntry[];
  start: number;
  end: number;
  bytes: number;
}

/** Sessions grouped by plant (plants by name), each group newest first with its overall time span and size. */
export function groupRecordings(list: readonly RecordingEntry[], lang: Lang): RecordingGroup[] {
  const groups = new Map<string, RecordingGroup>();
  for (const e of list) {
    let g = groups.get(e.plantId);
    if (!g) {
      g = { plantId: e.plantId, plantName: e.plantName[lang] || e.plantId, entries: [], start: e.start, end: e.end, bytes: 0 };
      groups.set(e.plantId, g);
    }
    g.entries.push(e);
    // Spans from what is known: a session still being written may come without an end.
    if (Number.isFinite(e.start)) g.start = Number.isFinite(g.start) ? Math.min(g.start, e.start) : e.start;
    if (Number.isFinite(e.end)) g.end = Number.isFinite(g.end) ? Math.max(g.end, e.end) : e.end;
    g.bytes += Number.isFinite(e.bytes) ? e.bytes : 0;
  }
  const out = [...groups.values()];
  for (const g of out) g.entries.sort((a, b) => (Number.isFinite(b.start) ? b.start : 0) - (Number.isFinite(a.start) ? a.start : 0));
  return out.sort((a, b) => a.plantName.localeCompare(b.plantName, LOCALE[lang]));
}

/** The range to export: the loop when one is set, else what the scrubber shows (zoomed in, or the whole recording). */
export function exportRange(status: { start: number; end: number; loop?: TimeRange }, view: TimeRange | undefined): { from: number; to: number; what: 'loop' | 'view' | 'whole' } {
  if (status.loop) return { from: status.loop.from, to: status.loop.to, what: 'loop' };
  if (view && (view.from > status.start || view.to < status.end)) return { from: view.from, to: view.to, what: 'view' };
  return { from: status.start, to: status.end, what: 'whole' };
}

/** The headless host's download of an exported range. */
export const exportDownloadUrl = (range: { from: number; to: number }): string => `/api/recordings/export?from=${Math.round(range.from)}&to=${Math.round(range.to)}`;
