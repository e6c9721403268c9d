import type { ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useRef } from 'react';
import type { InstancedMesh } from 'three';
import { EQUIPMENT_MATERIAL, MOVER_MATERIAL } from './materials';
import type { KitBatch, PlantModel } from './plant-model';
import { pointer } from './pointer';
import { useSceneUi } from './scene-ui';

function stationOf(batch: KitBatch, e: ThreeEvent<PointerEvent | MouseEvent>): string | undefined {
  return e.instanceId === undefined ? undefined : batch.stations[e.instanceId]?.spec.id;
}

/** One station type: its bodies as one instanced mesh, each kind of moving part as another. */
function Batch({ model, batch }: { model: PlantModel; batch: KitBatch }) {
  const body = useRef<InstancedMesh>(null);
  const movers = useRef<Array<InstancedMesh | null>>([]);
  useLayoutEffect(() => {
    batch.body = body.current ?? undefined;
    batch.movers = batch.kit.movers.map((_, i) => movers.current[i] ?? undefined);
    model.initBatch(batch);
    return () => {
      batch.body = undefined;
      batch.movers = batch.kit.movers.map(() => undefined);
    };
  }, [model, batch]);
  const n = batch.stations.length;
  return (
    <>
      <instancedMesh
        ref={body}
        args={[batch.kit.body, EQUIPMENT_MATERIAL, n]}
        frustumCulled={false}
        name={`stations:${batch.type}`}
        onPointerMove={(e) => {
          e.stopPropagation();
          pointer.move(e.nativeEvent);
          useSceneUi.getState().hover(stationOf(batch, e));
        }}
        onPointerOut={() => useSceneUi.getState().hover(undefined)}
        onClick={(e) => {
          e.stopPropagation();
          if (e.delta > 4) return;
          const id = stationOf(batch, e);
          if (id) pointer.pick(id);
        }}
      />
      {batch.kit.movers.map((m, i) => (
        <instancedMesh
          key={i}
          ref={(mesh) => {
            movers.current[i] = mesh;
          }}
          args={[m.geometry, MOVER_MATERIAL, n * m.mounts.length]}
          frustumCulled={false}
        />
      ))}
    </>
  );
}

export function StationMeshes({ model }: { model: PlantModel }) {
  return (
    <>
      {model.batches.map((b) => (
        <Batch key={b.type} model={model} batch={b} />
      ))}
    </>
  );
}
