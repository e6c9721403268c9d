import { cameraRef, FIT_MARGINS } from './camera-control';
import type { PlantModel } from './plant-model';
import { LABEL_LIFT_M, stationRect, unionRect, type ViewPreset } from './plant-layout';
import { useSceneUi } from './scene-ui';

/** The model of the plant on screen; set while the 3D view is mounted. */
export const modelRef: { current: PlantModel | undefined } = { current: undefined };

/** Room the inspector takes on the right of the 3D view (scene.css: 300 px wide, 8 px from the edge), px. */
const INSPECTOR_MARGINS = { ...FIT_MARGINS, right: 320 };
/** Floor around a focused station that stays in view, so that its neighbours give it context, m. */
const FOCUS_SURROUND_M = 4;

/** Select a station, open its inspector and fly the camera to it, clear of the inspector. */
export function focusStation(id: string): void {
  const st = modelRef.current?.byId.get(id);
  if (!st) return;
  useSceneUi.getState().select(id);
  // Where the station is now: an AGV is seldom at its parking spot.
  const r = unionRect([stationRect(st.spec)], FOCUS_SURROUND_M);
  const dx = st.position.x - st.spec.position[0];
  const dz = st.position.z - st.spec.position[2];
  const rect = { minX: r.minX + dx, maxX: r.maxX + dx, minZ: r.minZ + dz, maxZ: r.maxZ + dz };
  cameraRef.current?.flyToBox({ rect, top: st.kit.height + LABEL_LIFT_M }, false, INSPECTOR_MARGINS);
}

export function flyToPreset(preset: ViewPreset): void {
  cameraRef.current?.flyToBox(preset);
}

export function flyToLine(lineId: string): void {
  const preset = modelRef.current?.presets.find((p) => p.kind === 'line' && p.lineId === lineId);
  if (preset) flyToPreset(preset);
}
