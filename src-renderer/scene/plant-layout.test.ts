import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import fridgePlant from '../../assets/plants/fridge-plant.json';
import tirePlant from '../../assets/plants/tire-plant.json';
import { type PlantFile, plantSchema } from '../../src-main/shared/plant-schema';
import { fitCamera } from './camera-fit';
import { VIEW_DIR } from './camera-control';
import { HALL_MARGIN_M, hallRect, lineRect, stationRect, unionRect, viewPresets } from './plant-layout';

const DEMO: Record<string, unknown> = { 'tire-plant': tirePlant, 'fridge-plant': fridgePlant };
const demo = (name: string): PlantFile => plantSchema.parse(DEMO[name]);

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
      const overview = viewPresets(plant)[0];
      if (!overview) throw new Error('no overview preset');
      // The 3D view at 1920×1080 with the side panel open.
      const view = { fovDeg: 45, width: 1400, height: 990, dir: VIEW_DIR, margins: { top: 44, right: 12, bottom: 12, left: 12 } };
      const position = new Vector3();
      const target = new Vector3();
      fitCamera(overview, view, position, target);
      const camera = new PerspectiveCamera(view.fovDeg, view.width / view.height, 0.1, 5000);
      camera.position.copy(position);
      camera.lookAt(target);
      camera.updateMatrixWorld();
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
