import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { PlantFile } from '../../src-main/shared/plant-schema';

/** Orbit, pan and zoom around the hall; re-centred when the plant changes. */
export function CameraRig({ plant }: { plant: PlantFile }): null {
  const { camera, gl } = useThree();
  useEffect(() => {
    const [sx] = plant.hall?.size ?? [160, 80];
    camera.position.set(0, sx * 0.55, sx * 0.6);
    const controls = new OrbitControls(camera, gl.domElement);
    controls.target.set(0, 0, 0);
    controls.maxPolarAngle = Math.PI / 2.1;
    controls.enableDamping = false;
    controls.update();
    return () => controls.dispose();
  }, [plant, camera, gl]);
  return null;
}
