import { readFileSync, writeFileSync } from 'node:fs';
import { formatWallView, parseWallView, type WallView } from '../shared/wall-view';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of Electron's `Display` the layout needs. */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  primary: boolean;
}

/** What is remembered for one display: by id and by geometry, since ids change when a display is re-plugged. */
export interface WallEntry {
  displayId: number;
  displayBounds: Rect;
  view: WallView;
  /** Where the window was on that display, when the user moved it; else it fills the display. */
  windowBounds?: Rect;
}

export interface WallPlacement {
  display: DisplayInfo;
  view: WallView;
  bounds: Rect;
}

/** Displays once seen are remembered, to come back to; beyond this many the oldest go. */
export const MAX_REMEMBERED_DISPLAYS = 16;

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function sameSize(a: Rect, b: Rect): boolean {
  return a.width === b.width && a.height === b.height;
}

/** True when at least half of `inner` lies on `outer`: a window there is on that display. */
function mostlyInside(inner: Rect, outer: Rect): boolean {
  const w = Math.min(inner.x + inner.width, outer.x + outer.width) - Math.max(inner.x, outer.x);
  const h = Math.min(inner.y + inner.height, outer.y + outer.height) - Math.max(inner.y, outer.y);
  return w > 0 && h > 0 && w * h * 2 >= inner.width * inner.height;
}

/**
 * A window for each connected display with the view remembered for it. A remembered entry is
 * matched by id and geometry first, then by id alone (a resolution change), then by geometry
 * alone (the same screen re-plugged under a new id), then by size (moved in the arrangement);
 * each entry serves one display. A display never seen gets the control UI on the primary and
 * the whole plant elsewhere. A remembered window position that no longer lies on its display is
 * dropped for the display's own bounds.
 */
export function assignWalls(displays: readonly DisplayInfo[], remembered: readonly WallEntry[]): WallPlacement[] {
  const free = new Set(remembered);
  const take = (test: (e: WallEntry, d: DisplayInfo) => boolean, d: DisplayInfo): WallEntry | undefined => {
    const hit = [...free].find((e) => test(e, d));
    if (hit) free.delete(hit);
    return hit;
  };
  const matched = new Map<DisplayInfo, WallEntry | undefined>(displays.map((d) => [d, undefined]));
  const passes: Array<(e: WallEntry, d: DisplayInfo) => boolean> = [
    (e, d) => e.displayId === d.id && sameRect(e.displayBounds, d.bounds),
    (e, d) => e.displayId === d.id,
    (e, d) => sameRect(e.displayBounds, d.bounds),
    (e, d) => sameSize(e.displayBounds, d.bounds),
  ];
  for (const pass of passes) {
    for (const d of displays) if (!matched.get(d)) matched.set(d, take(pass, d));
  }
  return displays.map((d) => {
    const entry = matched.get(d);
    const view: WallView = entry?.view ?? (d.primary ? { kind: 'control' } : { kind: 'plant' });
    const saved = entry?.windowBounds;
    return { display: d, view, bounds: saved && mostlyInside(saved, d.bounds) ? saved : d.bounds };
  });
}

/**
 * The remembered entries after showing `view` at `windowBounds` on `display`: that display's
 * entry replaced (matched as in {@link assignWalls}), every other kept for its display's return.
 */
export function rememberWall(remembered: readonly WallEntry[], display: DisplayInfo, view: WallView, windowBounds?: Rect): WallEntry[] {
  const entry: WallEntry = { displayId: display.id, displayBounds: display.bounds, view, ...(windowBounds ? { windowBounds } : {}) };
  const others = remembered.filter((e) => e.displayId !== display.id && !sameRect(e.displayBounds, display.bounds));
  return [entry, ...others].slice(0, MAX_REMEMBERED_DISPLAYS);
}

function readRect(v: unknown): Rect | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const nums = [r.x, r.y, r.width, r.height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const [x, y, width, height] = nums.map((n) => Math.round(n as number)) as [number, number, number, number];
  return width > 0 && height > 0 ? { x, y, width, height } : undefined;
}

function readEntry(v: unknown): WallEntry | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Record<string, unknown>;
  const displayBounds = readRect(e.displayBounds);
  if (typeof e.displayId !== 'number' || !displayBounds || typeof e.view !== 'string') return undefined;
  const windowBounds = readRect(e.windowBounds);
  return { displayId: e.displayId, displayBounds, view: parseWallView(e.view), ...(windowBounds ? { windowBounds } : {}) };
}

/** The remembered walls (`walls.json` under userData); a missing or damaged file is no walls, never a failed start. */
export function loadWalls(file: string): WallEntry[] {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.map(readEntry).filter((e): e is WallEntry => e !== undefined).slice(0, MAX_REMEMBERED_DISPLAYS);
  } catch {
    return [];
  }
}

export function saveWalls(file: string, entries: readonly WallEntry[]): void {
  try {
    writeFileSync(file, JSON.stringify(entries.map((e) => ({ ...e, view: formatWallView(e.view) })), null, 1));
  } catch {
    // Forgetting the layout is harmless; failing a display change is not.
  }
}
