import { useEffect, useMemo } from 'react';
import type { PlantModel } from '../scene/plant-model';
import { stationRect } from '../scene/plant-layout';
import { SCENE_TEST_HOOK, sceneFacts } from '../scene/scene-facts';
import { lossRings } from './losses-model';
import { useLossesStore } from './losses-store';

/** Clear floor between a machine and its ring, m; the thickest ring's width, m. */
const RING_GAP_M = 0.8;
const RING_MIN_M = 0.15;
const RING_MAX_M = 0.9;

/**
 * The root-cause stations of the losses on show, ringed on the floor: the wider the ring, the
 * more units the station cost the line's output. Hues are the machine-state ones of the cause.
 */
export function LossRings({ model }: { model: PlantModel }) {
  const view = useLossesStore((s) => s.view);
  const rings = useMemo(() => lossRings(view).filter((r) => model.byId.has(r.station)), [view, model]);
  useEffect(() => {
    if (SCENE_TEST_HOOK) sceneFacts.lossRings = rings.map((r) => ({ station: r.station, lostUnits: r.lostUnits }));
  }, [rings]);
  return (
    <group>
      {rings.map((r) => {
        const st = model.byId.get(r.station);
        if (!st) return null;
        const rect = stationRect(st.spec);
        const inner = Math.max(rect.maxX - rect.minX, rect.maxZ - rect.minZ) / 2 + RING_GAP_M;
        const width = RING_MIN_M + (RING_MAX_M - RING_MIN_M) * r.weight;
        return (
          <mesh key={r.station} position={[st.spec.position[0], 0.05, st.spec.position[2]]} rotation={[-Math.PI / 2, 0, 0]}>
            <ringGeometry args={[inner, inner + width, 48]} />
            <meshBasicMaterial color={r.color} transparent opacity={0.85} />
          </mesh>
        );
      })}
    </group>
  );
}
