import { MathUtils, type PerspectiveCamera, Vector3 } from 'three';
import type { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Rect } from './plant-layout';

const FLY_SECONDS = 1.2;
/** Views look from the operator aisle side (+z), raised so machines do not hide each other. */
const VIEW_DIR = new Vector3(0, 0.8, 1).normalize();

interface Flight {
  fromPos: Vector3;
  fromTarget: Vector3;
  toPos: Vector3;
  toTarget: Vector3;
  t: number;
}

/** Camera moves that the UI asks for (presets, fly-to, tour); orbiting by hand interrupts them. */
export class CameraControl {
  private flight: Flight | undefined;
  onUserMove: () => void = () => undefined;

  constructor(
    readonly camera: PerspectiveCamera,
    readonly controls: OrbitControls,
  ) {
    controls.addEventListener('start', this.handleStart);
  }

  dispose(): void {
    this.controls.removeEventListener('start', this.handleStart);
  }

  private readonly handleStart = (): void => {
    this.flight = undefined;
    this.onUserMove();
  };

  /** Camera distance at which a floor rectangle fills the view. */
  private fitDistance(rect: Rect): number {
    const vfov = MathUtils.degToRad(this.camera.fov);
    const hfov = 2 * Math.atan(Math.tan(vfov / 2) * this.camera.aspect);
    const w = rect.maxX - rect.minX;
    const d = rect.maxZ - rect.minZ;
    return Math.max(12, (w / 2 / Math.tan(hfov / 2)) * 1.1, ((d * 0.75) / 2 / Math.tan(vfov / 2)) * 1.25);
  }

  flyToRect(rect: Rect, immediate = false): void {
    const target = new Vector3((rect.minX + rect.maxX) / 2, 0, (rect.minZ + rect.maxZ) / 2);
    this.flyTo(target, this.fitDistance(rect), immediate);
  }

  flyToPoint(target: Vector3, distance: number): void {
    this.flyTo(target.clone(), distance, false);
  }

  private flyTo(target: Vector3, distance: number, immediate: boolean): void {
    const toPos = target.clone().addScaledVector(VIEW_DIR, distance);
    if (immediate) {
      this.flight = undefined;
      this.camera.position.copy(toPos);
      this.controls.target.copy(target);
      this.controls.update();
      return;
    }
    this.flight = { fromPos: this.camera.position.clone(), fromTarget: this.controls.target.clone(), toPos, toTarget: target, t: 0 };
  }

  update(dt: number): void {
    const f = this.flight;
    if (!f) return;
    f.t = Math.min(1, f.t + dt / FLY_SECONDS);
    const e = f.t < 0.5 ? 4 * f.t ** 3 : 1 - (-2 * f.t + 2) ** 3 / 2;
    this.camera.position.lerpVectors(f.fromPos, f.toPos, e);
    this.controls.target.lerpVectors(f.fromTarget, f.toTarget, e);
    this.controls.update();
    if (f.t >= 1) this.flight = undefined;
  }
}

/** The one camera of the one 3D view; set while the view is mounted. */
export const cameraRef: { current: CameraControl | undefined } = { current: undefined };
