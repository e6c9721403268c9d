import type { LineSpec, PlantFile, StationSpec } from '../../src-main/shared/plant-schema';
import { footprintOf } from './station-footprint';

export type P3 = [number, number, number];

/** Floor rectangle in plant coordinates (x right, z towards the viewer). */
export interface Rect {
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}

export function stationRect(spec: StationSpec): Rect {
  const [w, , d] = footprintOf(spec.type);
  const a = ((spec.rotationDeg ?? 0) * Math.PI) / 180;
  const hw = (Math.abs(Math.cos(a)) * w + Math.abs(Math.sin(a)) * d) / 2;
  const hd = (Math.abs(Math.sin(a)) * w + Math.abs(Math.cos(a)) * d) / 2;
  const [x, , z] = spec.position;
  return { minX: x - hw, maxX: x + hw, minZ: z - hd, maxZ: z + hd };
}

export function unionRect(rects: Rect[], margin = 0): Rect {
  const r = { minX: Infinity, maxX: -Infinity, minZ: Infinity, maxZ: -Infinity };
  for (const s of rects) {
    r.minX = Math.min(r.minX, s.minX);
    r.maxX = Math.max(r.maxX, s.maxX);
    r.minZ = Math.min(r.minZ, s.minZ);
    r.maxZ = Math.max(r.maxZ, s.maxZ);
  }
  return { minX: r.minX - margin, maxX: r.maxX + margin, minZ: r.minZ - margin, maxZ: r.maxZ + margin };
}

export const LINE_MARGIN_M = 2;

export function lineRect(line: LineSpec): Rect {
  return unionRect(line.stations.map(stationRect), LINE_MARGIN_M);
}

/** Aisle kept round the lines inside the hall walls, metres. */
export const HALL_MARGIN_M = 4;

/**
 * The hall: the floor the lines stand on with an aisle round them, so that the overview frames
 * the equipment rather than empty floor. A plant file's `hall.size` may ask for more floor
 * (centred on the lines), never for less.
 */
export function hallRect(plant: Pick<PlantFile, 'lines' | 'hall'>): Rect {
  const r = unionRect(plant.lines.map(lineRect), HALL_MARGIN_M);
  const [sx, sz] = plant.hall?.size ?? [0, 0];
  const grow = (lo: number, hi: number, size: number): [number, number] => {
    const extra = Math.max(0, size - (hi - lo)) / 2;
    return [lo - extra, hi + extra];
  };
  const [minX, maxX] = grow(r.minX, r.maxX, sx);
  const [minZ, maxZ] = grow(r.minZ, r.maxZ, sz);
  return { minX, maxX, minZ, maxZ };
}

/**
 * Where a line's banner hangs: on the floor at the middle of its front edge (the side facing the
 * camera), so it reads against its own zone. Hung above the back edge, it floated over the row behind.
 */
export function bannerAnchor(line: LineSpec): { x: number; y: number; z: number } {
  const r = lineRect(line);
  return { x: (r.minX + r.maxX) / 2, y: 0, z: r.maxZ };
}
/** Station labels sit this far above the machine. */
export const LABEL_LIFT_M = 0.4;

/** Height of the tallest machine among `stations` with its label, metres. */
function topOf(stations: readonly StationSpec[]): number {
  return Math.max(0, ...stations.map((s) => footprintOf(s.type)[1] + LABEL_LIFT_M));
}

/**
 * A camera preset: the whole hall, one line, or one area (the machines of one type in a line);
 * the camera frames `rect` up to `top` metres high, or only its `parts` where given.
 */
export type ViewPreset = { id: string; rect: Rect; top: number; parts?: ReadonlyArray<{ rect: Rect; top: number }> } & ({ kind: 'overview' } | { kind: 'line'; lineId: string } | { kind: 'area'; lineId: string; stationType: string });

/**
 * What of the lines must be in view: each floor zone, each machine up to its label, each banner
 * (at its anchor). A tall machine or a banner then costs the view only its own corner of the floor.
 */
function linesInView(lines: readonly LineSpec[]): Array<{ rect: Rect; top: number }> {
  return lines.flatMap((line) => {
    const a = bannerAnchor(line);
    const banner = { rect: { minX: a.x, maxX: a.x, minZ: a.z, maxZ: a.z }, top: a.y };
    return [{ rect: lineRect(line), top: 0 }, banner, ...line.stations.map((s) => ({ rect: stationRect(s), top: topOf([s]) }))];
  });
}

export function viewPresets(plant: PlantFile): ViewPreset[] {
  const all = plant.lines.flatMap((l) => l.stations);
  // The overview frames the lines themselves: the aisle and walls round them may fall outside the view.
  const presets: ViewPreset[] = [{ id: 'overview', kind: 'overview', rect: unionRect(plant.lines.map(lineRect)), top: topOf(all), parts: linesInView(plant.lines) }];
  for (const line of plant.lines) presets.push({ id: `line:${line.id}`, kind: 'line', lineId: line.id, rect: lineRect(line), top: topOf(line.stations), parts: linesInView([line]) });
  for (const line of plant.lines) {
    const types = [...new Set(line.stations.map((s) => s.type))];
    if (types.length < 2) continue;
    for (const type of types) {
      const stations = line.stations.filter((s) => s.type === type);
      presets.push({ id: `area:${line.id}:${type}`, kind: 'area', lineId: line.id, stationType: type, rect: unionRect(stations.map(stationRect), 1.5), top: topOf(stations) });
    }
  }
  return presets;
}

export function polylineLength(points: readonly P3[]): number {
  let len = 0;
  for (let i = 1; i < points.length; i++) len += dist(points[i - 1] as P3, points[i] as P3);
  return len;
}

function dist(a: P3, b: P3): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
}

/** The point `at` metres along a polyline (clamped), written into `out`; returns the heading about y. */
export function pointAlong(points: readonly P3[], at: number, out: P3): number {
  let left = Math.max(0, at);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as P3;
    const b = points[i] as P3;
    const seg = dist(a, b);
    if (left <= seg || i === points.length - 1) {
      const t = seg > 0 ? Math.min(1, left / seg) : 0;
      out[0] = a[0] + (b[0] - a[0]) * t;
      out[1] = a[1] + (b[1] - a[1]) * t;
      out[2] = a[2] + (b[2] - a[2]) * t;
      return Math.atan2(-(b[2] - a[2]), b[0] - a[0]);
    }
    left -= seg;
  }
  const only = points[0] ?? [0, 0, 0];
  out[0] = only[0];
  out[1] = only[1];
  out[2] = only[2];
  return 0;
}

/** Distance from a station's centre to the edge of its footprint, going in direction (dx, dz). */
export function exitDistance(spec: StationSpec, dx: number, dz: number): number {
  const r = stationRect(spec);
  const hw = (r.maxX - r.minX) / 2;
  const hd = (r.maxZ - r.minZ) / 2;
  const len = Math.hypot(dx, dz) || 1;
  const ux = Math.abs(dx / len);
  const uz = Math.abs(dz / len);
  return Math.min(ux > 1e-6 ? hw / ux : Infinity, uz > 1e-6 ? hd / uz : Infinity);
}

/** The part of a polyline between `startCut` metres from its start and `endCut` metres from its end. */
export function trimPolyline(points: readonly P3[], startCut: number, endCut: number): P3[] {
  const total = polylineLength(points);
  const from = Math.min(startCut, total);
  const to = Math.max(from, total - endCut);
  const out: P3[] = [];
  const p: P3 = [0, 0, 0];
  pointAlong(points, from, p);
  out.push([...p]);
  let acc = 0;
  for (let i = 1; i < points.length; i++) {
    acc += dist(points[i - 1] as P3, points[i] as P3);
    if (acc > from && acc < to) out.push([...(points[i] as P3)]);
  }
  pointAlong(points, to, p);
  out.push([...p]);
  return out;
}

/**
 * A closed AGV loop for the AGVs of a line: from their parking row past the front of the line's
 * warehouse and back. Without a warehouse in the line they circle their parking spot.
 */
export function agvRoute(line: LineSpec, agv: StationSpec): P3[] {
  const agvs = line.stations.filter((s) => s.type === 'agv');
  const wh = line.stations.find((s) => s.type === 'warehouse');
  const y = agv.position[1];
  if (!wh) {
    const [x, , z] = agv.position;
    return Array.from({ length: 13 }, (_, i): P3 => [x + 3 * Math.cos((i / 12) * Math.PI * 2), y, z + 3 * Math.sin((i / 12) * Math.PI * 2)]);
  }
  const w = stationRect(wh);
  const homeZ = Math.max(...agvs.map((a) => a.position[2]));
  const west = Math.min(...agvs.map((a) => a.position[0])) - 3;
  const east = Math.max(w.maxX + 1, Math.max(...agvs.map((a) => a.position[0])) + 3);
  const front = w.maxZ + 1.5;
  return [[west, y, homeZ], [east, y, homeZ], [east, y, front], [west, y, front], [west, y, homeZ]];
}
