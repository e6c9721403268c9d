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
    let free = true;
    for (let j = 0; j < i && free; j++) {
      const b = scratch[j] as Placeable;
      if (!b.visible) continue;
      free = a.x + a.w + opts.pad <= b.x || b.x + b.w + opts.pad <= a.x || a.y + a.h + opts.pad <= b.y || b.y + b.h + opts.pad <= a.y;
    }
    a.visible = free;
    if (free) placed += 1;
  }
  return placed;
}
