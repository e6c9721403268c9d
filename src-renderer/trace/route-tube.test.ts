import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { ROUTE_TUBE_RADIUS_M, routeTube } from './route-tube';

describe('routeTube', () => {
  it('is a tube of the route radius around every leg, corners included', () => {
    const g = routeTube([new Vector3(0, 1, 0), new Vector3(10, 1, 0), new Vector3(10, 1, 10)]);
    expect(g).toBeDefined();
    g!.computeBoundingBox();
    const box = g!.boundingBox!;
    expect(box.min.y).toBeCloseTo(1 - ROUTE_TUBE_RADIUS_M, 2);
    expect(box.max.y).toBeCloseTo(1 + ROUTE_TUBE_RADIUS_M, 2);
    // Wide across each leg: the first runs along x, the second along z.
    expect(box.min.z).toBeCloseTo(-ROUTE_TUBE_RADIUS_M, 2);
    expect(box.max.x).toBeCloseTo(10 + ROUTE_TUBE_RADIUS_M, 1);
    // From the first station to the last.
    expect(box.min.x).toBeCloseTo(0, 2);
    expect(box.max.z).toBeCloseTo(10, 2);
    // Thick, not a hairline: the old route was a 1 px line.
    expect(ROUTE_TUBE_RADIUS_M * 2).toBeGreaterThanOrEqual(0.3);
  });

  it('skips a repeated point and draws nothing for a single station', () => {
    const a = new Vector3(2, 1, 2);
    expect(routeTube([a, a.clone()])).toBeUndefined();
    expect(routeTube([a])).toBeUndefined();
    const g = routeTube([a, a.clone(), new Vector3(5, 1, 2)]);
    expect(Number.isFinite(g!.attributes.position!.array[0])).toBe(true);
    expect([...g!.attributes.position!.array].every(Number.isFinite)).toBe(true);
  });
});
