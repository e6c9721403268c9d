/** A screen rectangle competing for space; lower `priority` wins, then the nearer one. */
export interface Placeable {
  x: number;
  y: number;
  w: number;
  h: number;
  priority: number;
  /** Distance from the camera, metres. */
  depth: number;
  /** In front of the camera and wanted at all. */
  candidate: boolean;
  /** Further positions to try, each one label height higher, then as many lower, before giving up (line banners stack). */
  lift?: number;
  /** Output: drawn this frame. */
  visible: boolean;
}

export interface DeclutterOptions {
  width: number;
  height: number;
  /** Gap kept between labels, px. */
  pad: number;
  /** Labels of this priority or lower importance are dropped beyond `farDepth`. */
  farPriority: number;
  farDepth: number;
}

/**
 * Who wins the screen, lowest first: the HUD's own area (never covered), line banners (a line in
 * trouble is when its banner matters most), station indicators, the selected station's label,
 * labels of stations that need attention, then the rest.
 */
export const LABEL_PRIORITY = { hud: -3, banner: -2, indicator: -1, selected: 0.5, attention: 1, station: 2 } as const;

const order = (a: Placeable, b: Placeable): number => a.priority - b.priority || a.depth - b.depth;

/**
 * Greedy placement: the most important label first, each later one only where it overlaps none
 * already placed. O(n²) over at most a few hundred labels, cheaper than any index at this size.
 * `scratch` is reused between frames so that the per-frame path allocates nothing.
 */
export function declutter(items: readonly Placeable[], opts: DeclutterOptions, scratch: Placeable[] = []): number {
  scratch.length = 0;
  for (const it of items) {
    it.visible = false;
    if (!it.candidate) continue;
    if (it.x + it.w < 0 || it.y + it.h < 0 || it.x > opts.width || it.y > opts.height) continue;
    if (it.priority >= opts.farPriority && it.depth > opts.farDepth) continue;
    scratch.push(it);
  }
  scratch.sort(order);
  let placed = 0;
  for (let i = 0; i < scratch.length; i++) {
    const a = scratch[i] as Placeable;
    const y0 = a.y;
    // Upwards first (banners stack over their line), then downwards (clear of the HUD on top).
    const lift = a.lift ?? 0;
    for (let k = 0; k <= 2 * lift && !a.visible; k++) {
      a.y = y0 - (k <= lift ? k : lift - k) * (a.h + opts.pad);
      a.visible = (k === 0 || a.y >= 0) && fits(a, scratch, i, opts.pad);
    }
    if (a.visible) placed += 1;
    else a.y = y0;
  }
  return placed;
}

function fits(a: Placeable, placed: readonly Placeable[], before: number, pad: number): boolean {
  for (let j = 0; j < before; j++) {
    const b = placed[j] as Placeable;
    if (b.visible && !(a.x + a.w + pad <= b.x || b.x + b.w + pad <= a.x || a.y + a.h + pad <= b.y || b.y + b.h + pad <= a.y)) return false;
  }
  return true;
}
