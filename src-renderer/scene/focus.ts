import { Vector3 } from 'three';
import { cameraRef } from './camera-control';
import type { PlantModel } from './plant-model';
import { stationRect, type ViewPreset } from './plant-layout';
import { useSceneUi } from './scene-ui';

/** The model of the plant on screen; set while the 3D view is mounted. */
export const modelRef: { current: PlantModel | undefined } = { current: undefined };

/** Select a station, open its inspector and fly the camera to it. */
export function focusStation(id: string): void {
  const st = modelRef.current?.byId.get(id);
  if (!st) return;
  useSceneUi.getState().select(id);
  const r = stationRect(st.spec);
  const size = Math.max(r.maxX - r.minX, r.maxZ - r.minZ, st.kit.height);
  cameraRef.current?.flyToPoint(new Vector3(st.position.x, st.kit.height / 2, st.position.z), Math.max(9, size * 2.4));
}

export function flyToPreset(preset: ViewPreset): void {
  cameraRef.current?.flyToBox(preset);
}

export function flyToLine(lineId: string): void {
  const preset = modelRef.current?.presets.find((p) => p.kind === 'line' && p.lineId === lineId);
  if (preset) flyToPreset(preset);
}
