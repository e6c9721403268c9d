import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CameraControl, cameraRef } from './camera-control';
import type { PlantModel } from './plant-model';
import { useSceneUi } from './scene-ui';

/** Orbit, pan and zoom around the hall; starts on the overview preset when the plant changes. */
export function CameraRig({ model }: { model: PlantModel }): null {
  const { camera, gl } = useThree();
  useEffect(() => {
    const controls = new OrbitControls(camera, gl.domElement);
    controls.maxPolarAngle = Math.PI / 2.1;
    controls.enableDamping = false;
    const control = new CameraControl(camera as PerspectiveCamera, controls);
    // Taking the camera by hand ends an exhibition tour.
    control.onUserMove = () => useSceneUi.getState().setTouring(false);
    const overview = model.presets[0];
    if (overview) control.flyToRect(overview.rect, true);
    cameraRef.current = control;
    return () => {
      cameraRef.current = undefined;
      control.dispose();
      controls.dispose();
    };
  }, [model, camera, gl]);
  return null;
}
