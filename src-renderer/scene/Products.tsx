import { useMemo, useRef } from 'react';
import { BoxGeometry, Color, type InstancedMesh, Matrix4, Quaternion, TorusGeometry, Vector3 } from 'three';
import type { ProductKind } from './kits/kit';
import { ORDER, useSceneUpdate } from './frame-loop';
import { PRODUCT_MATERIAL } from './materials';
import type { PlantModel } from './plant-model';
import { type P3, pointAlong } from './plant-layout';

const RING = new TorusGeometry(0.32, 0.13, 8, 18).rotateX(Math.PI / 2);
const BOX = new BoxGeometry(1, 1, 1);

interface Look {
  ring: boolean;
  size: [number, number, number];
  color: Color;
}
const LOOKS: Record<ProductKind, Look> = {
  tire: { ring: true, size: [1, 1, 1], color: new Color('#2a2d30') },
  bead: { ring: true, size: [0.55, 0.55, 0.55], color: new Color('#9aa0a6') },
  slab: { ring: false, size: [0.9, 0.14, 0.6], color: new Color('#34383c') },
  cabinet: { ring: false, size: [0.7, 1.6, 0.65], color: new Color('#eceef0') },
  panel: { ring: false, size: [1.1, 0.06, 0.7], color: new Color('#b8bec4') },
};
const CARRIER_SPEED = 0.08;

const m = new Matrix4();
const q = new Quaternion();
const pos = new Vector3();
const scale = new Vector3();
const local = new Vector3();
const UP = new Vector3(0, 1, 0);
const p: P3 = [0, 0, 0];
/** Instances written so far this frame, per mesh. */
const used = { rings: 0, boxes: 0 };

/** One product at `pos` (its floor point) into the next free instance of its mesh. */
function put(rings: InstancedMesh, boxes: InstancedMesh, kind: ProductKind, heading: number): void {
  const look = LOOKS[kind];
  scale.fromArray(look.size);
  pos.y += look.ring ? 0.13 * look.size[1] : look.size[1] / 2;
  m.compose(pos, q.setFromAxisAngle(UP, heading), scale);
  const mesh = look.ring ? rings : boxes;
  const i = look.ring ? used.rings++ : used.boxes++;
  mesh.setMatrixAt(i, m);
  mesh.setColorAt(i, look.color);
}

/**
 * Products on conveyors (queued at the end when the next station has not taken them: WIP you
 * can see) and riding through assembly lines: two instanced draws, rings and boxes.
 */
export function Products({ model }: { model: PlantModel }) {
  const rings = useRef<InstancedMesh>(null);
  const boxes = useRef<InstancedMesh>(null);
  const capacity = useMemo(
    () => model.flow.lanes.reduce((n, l) => n + l.capacity, 0) + model.stations.reduce((n, s) => n + (s.kit.carrier?.count ?? 0), 0) + 1,
    [model],
  );
  useSceneUpdate(ORDER.products, () => {
    const r = rings.current;
    const b = boxes.current;
    if (!r || !b) return;
    used.rings = 0;
    used.boxes = 0;
    for (const lane of model.flow.lanes) {
      const kind = model.byId.get(lane.from)?.kit.product ?? 'slab';
      for (const d of lane.items) {
        const heading = pointAlong(lane.points, d, p);
        pos.set(p[0], p[1], p[2]);
        put(r, b, kind, heading);
      }
    }
    for (const st of model.stations) {
      const c = st.kit.carrier;
      if (!c || st.replaced) continue;
      for (let i = 0; i < c.count; i++) {
        const f = (st.runT * CARRIER_SPEED + i / c.count) % 1;
        local.set(c.from[0] + (c.to[0] - c.from[0]) * f, c.from[1] + (c.to[1] - c.from[1]) * f, c.from[2] + (c.to[2] - c.from[2]) * f);
        pos.copy(local).applyMatrix4(st.base);
        put(r, b, c.product, st.yaw);
      }
    }
    r.count = used.rings;
    b.count = used.boxes;
    r.instanceMatrix.needsUpdate = true;
    b.instanceMatrix.needsUpdate = true;
    if (r.instanceColor) r.instanceColor.needsUpdate = true;
    if (b.instanceColor) b.instanceColor.needsUpdate = true;
  });
  return (
    <>
      <instancedMesh ref={rings} args={[RING, PRODUCT_MATERIAL, capacity]} frustumCulled={false} />
      <instancedMesh ref={boxes} args={[BOX, PRODUCT_MATERIAL, capacity]} frustumCulled={false} />
    </>
  );
}
