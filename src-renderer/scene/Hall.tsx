import { useEffect, useMemo } from 'react';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import { Parts } from './kits/parts';
import { FLOOR_MATERIAL, HALL_MATERIAL } from './materials';
import type { PlantModel } from './plant-model';
import { hallRect, lineRect, type P3, type Rect } from './plant-layout';

const WALL_H = 1.2;
const MARK_W = 0.18;

function outline(p: Parts, r: Rect, y: number, h: number, w: number, tone: 'marking' | 'wall'): void {
  const cx = (r.minX + r.maxX) / 2;
  const cz = (r.minZ + r.maxZ) / 2;
  const sx = r.maxX - r.minX;
  const sz = r.maxZ - r.minZ;
  p.box([sx + w, h, w], [cx, y, r.minZ], tone).box([sx + w, h, w], [cx, y, r.maxZ], tone);
  p.box([w, h, sz], [r.minX, y, cz], tone).box([w, h, sz], [r.maxX, y, cz], tone);
}

/** Hall walls, a floor zone and yellow boundary per line, and every conveyor: one merged mesh. */
function staticGeometry(plant: PlantFile, model: PlantModel) {
  const p = new Parts();
  outline(p, hallRect(plant), WALL_H / 2, WALL_H, 0.4, 'wall');
  for (const line of plant.lines) {
    const r = lineRect(line);
    p.box([r.maxX - r.minX, 0.01, r.maxZ - r.minZ], [(r.minX + r.maxX) / 2, 0.005, (r.minZ + r.maxZ) / 2], 'zone');
    outline(p, r, 0.012, 0.012, MARK_W, 'marking');
  }
  for (const lane of model.flow.lanes) {
    for (let i = 1; i < lane.points.length; i++) {
      const a = lane.points[i - 1] as P3;
      const b = lane.points[i] as P3;
      const len = Math.hypot(b[0] - a[0], b[2] - a[2]);
      if (len < 0.05) continue;
      const yaw = (Math.atan2(-(b[2] - a[2]), b[0] - a[0]) * 180) / Math.PI;
      const mid: P3 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
      // A light belt, so that black rubber and dark slabs on it stand out.
      p.box([len, 0.08, 0.9], [mid[0], mid[1] - 0.04, mid[2]], 'body', yaw);
      p.box([len, Math.max(0.1, mid[1] - 0.08), 0.7], [mid[0], (mid[1] - 0.08) / 2, mid[2]], 'frame', yaw);
    }
  }
  return p.build();
}

export function Hall({ plant, model }: { plant: PlantFile; model: PlantModel }) {
  const hall = hallRect(plant);
  const geometry = useMemo(() => staticGeometry(plant, model), [plant, model]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[(hall.minX + hall.maxX) / 2, 0, (hall.minZ + hall.maxZ) / 2]} material={FLOOR_MATERIAL}>
        <planeGeometry args={[hall.maxX - hall.minX, hall.maxZ - hall.minZ]} />
      </mesh>
      <mesh geometry={geometry} material={HALL_MATERIAL} />
    </>
  );
}
