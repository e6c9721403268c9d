import { useThree } from '@react-three/fiber';
import { useEffect, useState } from 'react';
import type { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CameraControl, cameraRef } from './camera-control';
import type { PlantModel } from './plant-model';
import { useSceneUi } from './scene-ui';

/**
 * Orbit, pan and zoom around the hall; starts on the overview preset when the plant changes and
 * keeps a preset view fitted when the 3D view changes size (window resize, side panel folded).
 */
export function CameraRig({ model }: { model: PlantModel }): null {
  const { camera, gl } = useThree();
  const size = useThree((s) => s.size);
  const [control, setControl] = useState<CameraControl>();
  useEffect(() => {
    const controls = new OrbitControls(camera, gl.domElement);
    controls.maxPolarAngle = Math.PI / 2.1;
    controls.enableDamping = false;
    const c = new CameraControl(camera as PerspectiveCamera, controls);
    // Taking the camera by hand ends an exhibition tour.
    c.onUserMove = () => useSceneUi.getState().setTouring(false);
    cameraRef.current = c;
    setControl(c);
    return () => {
      cameraRef.current = undefined;
      c.dispose();
      controls.dispose();
    };
  }, [camera, gl]);
  useEffect(() => {
    control?.setViewport(size.width, size.height);
  }, [control, size]);
  useEffect(() => {
    const overview = model.presets[0];
    if (control && overview) control.flyToBox(overview, true);
  }, [control, model]);
  return null;
}
