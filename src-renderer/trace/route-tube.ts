import { CurvePath, LineCurve3, TubeGeometry, Vector3 } from 'three';

/** The route's thickness in the plant (m): a tube this wide reads from across a control room on a wall screen. */
export const ROUTE_TUBE_RADIUS_M = 0.22;
/** Samples along each leg: enough that a corner between two legs is not visibly cut. */
const SAMPLES_PER_LEG = 24;
const RADIAL_SEGMENTS = 8;

/**
 * One tube along a polyline through the route's points: one mesh, one draw call, built once per
 * route. Repeated points (an item re-entering where it is) are skipped; fewer than two distinct
 * points draw nothing.
 */
export function routeTube(points: readonly Vector3[]): TubeGeometry | undefined {
  const distinct = points.filter((p, i) => i === 0 || p.distanceToSquared(points[i - 1] as Vector3) > 1e-6);
  if (distinct.length < 2) return undefined;
  const path = new CurvePath<Vector3>();
  for (let i = 1; i < distinct.length; i += 1) path.add(new LineCurve3(distinct[i - 1], distinct[i]));
  return new TubeGeometry(path, (distinct.length - 1) * SAMPLES_PER_LEG, ROUTE_TUBE_RADIUS_M, RADIAL_SEGMENTS, false);
}
