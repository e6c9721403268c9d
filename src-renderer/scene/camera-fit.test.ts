import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { distanceForSameSpan, type FitBox, fitCamera, type FitView } from './camera-fit';

/** Screen positions (px) of the box's eight corners seen from the fitted camera. */
function project(box: FitBox, view: FitView): Array<{ x: number; y: number }> {
  const position = new Vector3();
  const target = new Vector3();
  fitCamera(box, view, position, target);
  const camera = new PerspectiveCamera(view.fovDeg, view.width / view.height, 0.1, 5000);
  camera.position.copy(position);
  camera.lookAt(target);
  camera.updateMatrixWorld();
  const out: Array<{ x: number; y: number }> = [];
  for (const x of [box.rect.minX, box.rect.maxX]) {
    for (const y of [0, box.top]) {
      for (const z of [box.rect.minZ, box.rect.maxZ]) {
        const p = new Vector3(x, y, z).project(camera);
        out.push({ x: ((p.x + 1) / 2) * view.width, y: ((1 - p.y) / 2) * view.height });
      }
    }
  }
  return out;
}

const hall: FitBox = { rect: { minX: -80, maxX: 80, minZ: -40, maxZ: 40 }, top: 6 };
const margins = { top: 44, right: 12, bottom: 12, left: 12 };
const dir = new Vector3(0, 1, 1).normalize();

describe('fitCamera', () => {
  for (const [width, height] of [
    [1080, 800],
    [1600, 800],
    [600, 900],
  ] as const) {
    it(`fills a ${width}×${height} view with the box, inside the margins and touching them on the tight side`, () => {
      const pts = project(hall, { fovDeg: 45, width, height, dir, margins });
      const minX = Math.min(...pts.map((p) => p.x));
      const maxX = Math.max(...pts.map((p) => p.x));
      const minY = Math.min(...pts.map((p) => p.y));
      const maxY = Math.max(...pts.map((p) => p.y));
      expect(minX).toBeGreaterThanOrEqual(margins.left - 0.5);
      expect(maxX).toBeLessThanOrEqual(width - margins.right + 0.5);
      expect(minY).toBeGreaterThanOrEqual(margins.top - 0.5);
      expect(maxY).toBeLessThanOrEqual(height - margins.bottom + 0.5);
      const widthTight = Math.abs(minX - margins.left) < 1 && Math.abs(maxX - (width - margins.right)) < 1;
      const heightTight = Math.abs(minY - margins.top) < 1 && Math.abs(maxY - (height - margins.bottom)) < 1;
      expect(widthTight || heightTight).toBe(true);
      // The slack of the other pair is shared equally.
      if (widthTight) expect(Math.abs(minY - margins.top - (height - margins.bottom - maxY))).toBeLessThan(1);
      else expect(Math.abs(minX - margins.left - (width - margins.right - maxX))).toBeLessThan(1);
    });
  }

  it('puts the orbit target on the floor, on the line of sight', () => {
    const position = new Vector3();
    const target = new Vector3();
    fitCamera(hall, { fovDeg: 45, width: 1000, height: 700, dir, margins }, position, target);
    expect(target.y).toBeCloseTo(0);
    expect(position.clone().sub(target).normalize().distanceTo(dir)).toBeLessThan(1e-9);
  });

  it('with parts, frames only them: one tall machine lifts the view over its own corner, not the whole floor', () => {
    const view = { fovDeg: 45, width: 1400, height: 990, dir, margins };
    const tower = { rect: { minX: 70, maxX: 80, minZ: -40, maxZ: -30 }, top: 12 };
    const cuboid: FitBox = { ...hall, top: tower.top };
    const parted: FitBox = { ...cuboid, parts: [{ rect: hall.rect, top: 0 }, tower] };
    const fitted = (box: FitBox): PerspectiveCamera => {
      const position = new Vector3();
      const target = new Vector3();
      fitCamera(box, view, position, target);
      const camera = new PerspectiveCamera(view.fovDeg, view.width / view.height, 0.1, 5000);
      camera.position.copy(position);
      camera.lookAt(target);
      camera.updateMatrixWorld();
      return camera;
    };
    const camera = fitted(parted);
    expect(camera.position.length()).toBeLessThan(fitted(cuboid).position.length());
    // Every corner of every part is still inside the margins.
    for (const { rect, top } of [{ rect: hall.rect, top: 0 }, tower]) {
      for (const x of [rect.minX, rect.maxX]) {
        for (const y of [0, top]) {
          for (const z of [rect.minZ, rect.maxZ]) {
            const p = new Vector3(x, y, z).project(camera);
            const [sx, sy] = [((p.x + 1) / 2) * view.width, ((1 - p.y) / 2) * view.height];
            expect(sx).toBeGreaterThanOrEqual(margins.left - 0.5);
            expect(sx).toBeLessThanOrEqual(view.width - margins.right + 0.5);
            expect(sy).toBeGreaterThanOrEqual(margins.top - 0.5);
            expect(sy).toBeLessThanOrEqual(view.height - margins.bottom + 0.5);
          }
        }
      }
    }
  });
});

describe('a view moved by hand, resized', () => {
  it('keeps the same width of scene in view when the canvas widens or narrows', () => {
    const span = (d: number, w: number, h: number) => 2 * d * Math.tan((45 * Math.PI) / 360) * (w / h);
    const from = { width: 1080, height: 800 };
    for (const to of [{ width: 1600, height: 800 }, { width: 700, height: 800 }, { width: 1080, height: 600 }]) {
      const d = distanceForSameSpan(100, from, to);
      expect(span(d, to.width, to.height)).toBeCloseTo(span(100, from.width, from.height));
    }
    expect(distanceForSameSpan(100, from, { width: 1600, height: 800 })).toBeLessThan(100);
  });
});
