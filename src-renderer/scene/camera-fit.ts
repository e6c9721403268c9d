import { MathUtils, Vector3 } from 'three';
import type { Rect } from './plant-layout';

/** Screen space kept free around a fitted view, px: overlays sit there (search and presets on top). */
export interface FitMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What to frame: a floor rectangle and how tall the things on it stand, metres. */
export interface FitBox {
  rect: Rect;
  top: number;
  /**
   * When given, what must be in view is these boxes rather than all of `rect` up to `top`: one tall
   * machine then lifts the view over itself only, not over the whole floor.
   */
  parts?: ReadonlyArray<{ rect: Rect; top: number }>;
}

export interface FitView {
  fovDeg: number;
  width: number;
  height: number;
  /** Unit vector from the target towards the camera. */
  dir: Vector3;
  margins: FitMargins;
}

const UP = new Vector3(0, 1, 0);

/**
 * The camera position and orbit target at which `box` fills the view as tightly as the frustum
 * allows, for the viewport's aspect and a fixed viewing direction. Exact for perspective: every
 * corner of the box is held inside the four side planes (shrunk by the margins), the camera backs
 * off only as far as the tighter pair needs, and the box is centred in the other one. The target is
 * where the line of sight meets the floor, so orbiting by hand turns about the hall, not the sky.
 */
export function fitCamera(box: FitBox, view: FitView, outPosition: Vector3, outTarget: Vector3): void {
  const f = view.dir.clone().negate();
  const r = new Vector3().crossVectors(f, UP).normalize();
  const u = new Vector3().crossVectors(r, f);
  const ty = Math.tan(MathUtils.degToRad(view.fovDeg) / 2);
  const tx = ty * (view.width / Math.max(1, view.height));
  // Tangents of the four side planes, measured from the view axis.
  const m = view.margins;
  const tR = tx * Math.max(0.1, 1 - (2 * m.right) / view.width);
  const tL = tx * Math.max(0.1, 1 - (2 * m.left) / view.width);
  const tU = ty * Math.max(0.1, 1 - (2 * m.top) / view.height);
  const tD = ty * Math.max(0.1, 1 - (2 * m.bottom) / view.height);
  // For a corner p with camera-axis coordinates (a, b, c): a - tR·c ≤ Cr - tR·Cf and Cr + tL·Cf ≤ a + tL·c, likewise up/down.
  let h1 = -Infinity;
  let h2 = Infinity;
  let v1 = -Infinity;
  let v2 = Infinity;
  const p = new Vector3();
  const corners: Array<[number, number, number]> = [];
  for (const { rect, top } of box.parts ?? [box]) {
    for (const x of [rect.minX, rect.maxX]) {
      for (const y of [0, top]) {
        for (const z of [rect.minZ, rect.maxZ]) {
          p.set(x, y, z);
          const a = p.dot(r);
          const b = p.dot(u);
          const c = p.dot(f);
          corners.push([a, b, c]);
          h1 = Math.max(h1, a - tR * c);
          h2 = Math.min(h2, a + tL * c);
          v1 = Math.max(v1, b - tU * c);
          v2 = Math.min(v2, b + tD * c);
        }
      }
    }
  }
  const cf = Math.min((h2 - h1) / (tR + tL), (v2 - v1) / (tU + tD));
  // The looser pair has slack at this distance: the box goes where the slack is equal on both sides.
  const cr = centred(corners, 0, cf, h1 + tR * cf, h2 - tL * cf, tR, tL);
  const cu = centred(corners, 1, cf, v1 + tU * cf, v2 - tD * cf, tU, tD);
  outPosition.set(0, 0, 0).addScaledVector(r, cr).addScaledVector(u, cu).addScaledVector(f, cf);
  const along = f.y < -1e-6 ? -outPosition.y / f.y : box.top;
  outTarget.copy(outPosition).addScaledVector(f, along);
}

/**
 * The camera offset along one screen axis, within [lo, hi] (where every corner is in view), at
 * which the free space before the nearest-to-edge corner is the same on both sides. Slopes are
 * tangents, which map linearly to pixels; the extreme corners change with the offset, so it is
 * found by bisection (the sum of both extremes falls monotonically with the offset).
 */
function centred(corners: ReadonlyArray<readonly [number, number, number]>, axis: 0 | 1, cf: number, lo: number, hi: number, tPlus: number, tMinus: number): number {
  const excess = (offset: number): number => {
    let most = -Infinity;
    let least = Infinity;
    for (const k of corners) {
      const slope = (k[axis] - offset) / (k[2] - cf);
      most = Math.max(most, slope);
      least = Math.min(least, slope);
    }
    return most + least - (tPlus - tMinus);
  };
  let a = lo;
  let b = hi;
  for (let i = 0; i < 40 && b - a > 1e-6; i++) {
    const mid = (a + b) / 2;
    if (excess(mid) > 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/**
 * The camera distance at which a view of `to`'s size shows the same width of scene as one of
 * `from`'s size did at `distance` (same vertical field of view: the span across goes with the aspect).
 */
export function distanceForSameSpan(distance: number, from: { width: number; height: number }, to: { width: number; height: number }): number {
  return (distance * (from.width / from.height)) / (to.width / to.height);
}
