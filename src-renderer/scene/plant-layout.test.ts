import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import fridgePlant from '../../assets/plants/fridge-plant.json';
import tirePlant from '../../assets/plants/tire-plant.json';
import { type PlantFile, plantSchema } from '../../src-main/shared/plant-schema';
import { fitCamera } from './camera-fit';
import { VIEW_DIR } from './camera-control';
import { agvRoute, HALL_MARGIN_M, hallRect, lineRect, type P3, type Rect, stationRect, unionRect, viewPresets } from './plant-layout';
import { footprintOf } from './station-footprint';

const DEMO: Record<string, unknown> = { 'tire-plant': tirePlant, 'fridge-plant': fridgePlant };
const demo = (name: string): PlantFile => plantSchema.parse(DEMO[name]);

/** The 3D view at 1920×1080 with the side panel open. */
const VIEW = { fovDeg: 45, width: 1400, height: 990, dir: VIEW_DIR, margins: { top: 44, right: 12, bottom: 12, left: 12 } };

/** The camera of the first view: the overview preset fitted to `VIEW`. */
function overviewCamera(plant: PlantFile): PerspectiveCamera {
  const overview = viewPresets(plant)[0];
  if (!overview) throw new Error('no overview preset');
  const position = new Vector3();
  const target = new Vector3();
  fitCamera(overview, VIEW, position, target);
  const camera = new PerspectiveCamera(VIEW.fovDeg, VIEW.width / VIEW.height, 0.1, 5000);
  camera.position.copy(position);
  camera.lookAt(target);
  camera.updateMatrixWorld();
  return camera;
}

const screenY = (camera: PerspectiveCamera, x: number, y: number, z: number): number => ((1 - new Vector3(x, y, z).project(camera).y) / 2) * VIEW.height;
const inside = (r: Rect, x: number, z: number, slack = 0): boolean => x >= r.minX - slack && x <= r.maxX + slack && z >= r.minZ - slack && z <= r.maxZ + slack;

/** Floor points every few centimetres along a polyline, as [x, z]. */
function floorPoints(path: readonly P3[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1] as P3, path[i] as P3];
    for (let t = 0; t <= 1; t += 0.02) out.push([a[0] + (b[0] - a[0]) * t, a[2] + (b[2] - a[2]) * t]);
  }
  return out;
}

/** Whether a leg of `path` runs along x at depth `z` from `fromX` to `toX` or beyond. */
function hasLegAlongX(path: readonly P3[], z: number, fromX: number, toX: number): boolean {
  return path.some((p, i) => {
    const q = path[i + 1];
    return q !== undefined && Math.abs(p[2] - z) < 1e-9 && Math.abs(q[2] - z) < 1e-9 && Math.min(p[0], q[0]) <= fromX && Math.max(p[0], q[0]) >= toX;
  });
}

describe('the hall is fitted to what stands in it', () => {
  for (const name of ['tire-plant', 'fridge-plant']) {
    it(`${name}: holds every line with an aisle round it, and no more`, () => {
      const plant = demo(name);
      const hall = hallRect(plant);
      const lines = unionRect(plant.lines.map(lineRect));
      expect(hall).toEqual(unionRect([lines], HALL_MARGIN_M));
      for (const st of plant.lines.flatMap((l) => l.stations)) {
        const r = stationRect(st);
        expect(r.minX).toBeGreaterThan(hall.minX);
        expect(r.maxX).toBeLessThan(hall.maxX);
        expect(r.minZ).toBeGreaterThan(hall.minZ);
        expect(r.maxZ).toBeLessThan(hall.maxZ);
      }
    });

    it(`${name}: the overview fills a 1920×1080 view beside the side panel with the equipment`, () => {
      const plant = demo(name);
      const view = VIEW;
      const camera = overviewCamera(plant);
      const equipment = unionRect(plant.lines.flatMap((l) => l.stations.map(stationRect)));
      const xs: number[] = [];
      const ys: number[] = [];
      for (const x of [equipment.minX, equipment.maxX]) {
        for (const z of [equipment.minZ, equipment.maxZ]) {
          const p = new Vector3(x, 0, z).project(camera);
          xs.push(((p.x + 1) / 2) * view.width);
          ys.push(((1 - p.y) / 2) * view.height);
        }
      }
      const wide = (Math.max(...xs) - Math.min(...xs)) / view.width;
      const tall = (Math.max(...ys) - Math.min(...ys)) / view.height;
      // Equipment spans most of the view one way, and a fair part the other way.
      expect(Math.max(wide, tall)).toBeGreaterThan(0.85);
      expect(Math.min(wide, tall)).toBeGreaterThan(0.4);
    });

    it(`${name}: the first view shows machines big enough to read from across a booth`, () => {
      const plant = demo(name);
      const camera = overviewCamera(plant);
      // On-screen height of each machine, from its foot to its top at its centre.
      const heights = plant.lines
        .flatMap((l) => l.stations)
        .map((st) => {
          const [x, , z] = st.position;
          return screenY(camera, x, 0, z) - screenY(camera, x, footprintOf(st.type)[1], z);
        })
        .sort((a, b) => a - b);
      expect(heights[Math.floor(heights.length / 2)]).toBeGreaterThanOrEqual(35);
    });
  }

  it('a plant file may ask for a larger hall, never a smaller one', () => {
    const plant = demo('fridge-plant');
    const fitted = hallRect(plant);
    const big = hallRect({ ...plant, hall: { size: [400, 300] } });
    expect(big.maxX - big.minX).toBe(400);
    expect(big.maxZ - big.minZ).toBe(300);
    expect(hallRect({ ...plant, hall: { size: [1, 1] } })).toEqual(fitted);
  });
});

describe('conveyors and AGV routes connect the stations they name', () => {
  for (const name of ['tire-plant', 'fridge-plant']) {
    it(`${name}: each conveyor runs from its source to its destination and through no other machine`, () => {
      const plant = demo(name);
      for (const line of plant.lines) {
        const byId = new Map(line.stations.map((s) => [s.id, s]));
        for (const c of line.conveyors) {
          const from = byId.get(c.from);
          const to = byId.get(c.to);
          if (!from || !to) throw new Error(`${c.from}→${c.to}: unknown station`);
          const first = c.path[0] as P3;
          const last = c.path[c.path.length - 1] as P3;
          expect([first[0], first[2]]).toEqual([from.position[0], from.position[2]]);
          expect([last[0], last[2]]).toEqual([to.position[0], to.position[2]]);
          // AGVs drive over the belts to them; no fixed machine stands on one.
          const others = plant.lines.flatMap((l) => l.stations).filter((s) => s !== from && s !== to && s.type !== 'agv');
          for (const [x, z] of floorPoints(c.path as P3[])) {
            for (const s of others) expect(inside(stationRect(s), x, z), `${c.from}→${c.to} crosses ${s.id}`).toBe(false);
          }
        }
      }
    });
  }

  it('tire-plant: the AGVs start on a loop that passes the front of the warehouse and through no machine', () => {
    const plant = demo('tire-plant');
    for (const line of plant.lines) {
      const wh = line.stations.find((s) => s.type === 'warehouse');
      const agvs = line.stations.filter((s) => s.type === 'agv');
      if (!wh || agvs.length === 0) continue;
      const w = stationRect(wh);
      const machines = plant.lines.flatMap((l) => l.stations).filter((s) => s.type !== 'agv');
      for (const agv of agvs) {
        const route = agvRoute(line, agv);
        expect(hasLegAlongX(route, agv.position[2], agv.position[0], agv.position[0]), `${agv.id} parks on its loop`).toBe(true);
        // A leg of the loop runs just in front of the warehouse, across its whole width.
        const front = route.find((p) => p[2] > w.maxZ && p[2] < w.maxZ + 3);
        expect(front && hasLegAlongX(route, front[2], w.minX, w.maxX), `${agv.id} passes the warehouse front`).toBe(true);
        for (const [x, z] of floorPoints(route)) {
          for (const s of machines) expect(inside(stationRect(s), x, z, 0.5), `${agv.id} drives through ${s.id}`).toBe(false);
        }
      }
    }
  });
});
