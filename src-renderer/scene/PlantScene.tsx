import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BoxGeometry, Color, type Mesh, type MeshStandardMaterial } from 'three';
import type { PlantFile, StationSpec } from '../../src-main/shared/plant-schema';
import { useTwinStore } from '../store/twin-store';
import { sceneFacts } from './scene-facts';
import { bodyColor, indicatorFor, indicatorLabel } from './state-style';
import { footprintOf } from './station-footprint';
import { CameraRig } from './CameraRig';

const unitBox = new BoxGeometry(1, 1, 1);

function StationBody({ spec }: { spec: StationSpec }) {
  const [w, h, d] = footprintOf(spec.type);
  const ref = useRef<Mesh>(null);
  return (
    <mesh
      ref={ref}
      geometry={unitBox}
      position={[spec.position[0], spec.position[1] + h / 2, spec.position[2]]}
      rotation={[0, ((spec.rotationDeg ?? 0) * Math.PI) / 180, 0]}
      scale={[w, h, d]}
      userData={{ stationId: spec.id }}
      name={`station:${spec.id}`}
    >
      <meshStandardMaterial color="#8a9096" roughness={0.8} metalness={0.2} />
    </mesh>
  );
}

/** Reads live state from the store every frame (no React render) and recolours stations. */
function LiveStateUpdater(): null {
  const { scene, gl } = useThree();
  const color = useMemo(() => new Color(), []);
  useFrame(() => {
    const t0 = performance.now();
    const { stations } = useTwinStore.getState();
    let count = 0;
    scene.traverse((obj) => {
      const id = obj.userData.stationId as string | undefined;
      if (!id) return;
      count += 1;
      const view = stations[id];
      const indicator = indicatorFor(view);
      ((obj as Mesh).material as MeshStandardMaterial).color.set(color.set(bodyColor(indicator)));
      sceneFacts.stations[id] = { state: view?.state ?? 'OFFLINE', indicator: indicatorLabel(indicator), stale: view?.stale ?? true };
    });
    sceneFacts.stationObjects = count;
    sceneFacts.drawCalls = gl.info.render.calls;
    sceneFacts.triangles = gl.info.render.triangles;
    sceneFacts.frames += 1;
    sceneFacts.lastFrameMs = performance.now() - t0;
  });
  useEffect(() => {
    sceneFacts.webgl = gl.getContext() !== null;
  }, [gl]);
  return null;
}

function Floor({ plant }: { plant: PlantFile }) {
  const [sx, sz] = plant.hall?.size ?? [160, 80];
  return (
    <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0, 0]}>
      <planeGeometry args={[sx, sz]} />
      <meshStandardMaterial color="#c9ccd0" roughness={1} />
    </mesh>
  );
}

export function PlantScene() {
  const plant = useTwinStore((s) => s.plant);
  useEffect(() => {
    sceneFacts.stations = {};
  }, [plant]);
  if (!plant) return null;
  return (
    <Canvas className="plant-canvas" camera={{ position: [0, 90, 110], fov: 45, near: 0.5, far: 2000 }} gl={{ antialias: true, preserveDrawingBuffer: true }}>
      <color attach="background" args={['#d8dbde']} />
      <ambientLight intensity={0.6} />
      <directionalLight position={[40, 80, 30]} intensity={1.6} />
      <Floor plant={plant} />
      {plant.lines.flatMap((line) => line.stations.map((s) => <StationBody key={s.id} spec={s} />))}
      <LiveStateUpdater />
      <CameraRig plant={plant} />
    </Canvas>
  );
}
