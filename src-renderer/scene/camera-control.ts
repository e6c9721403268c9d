import { MathUtils, type PerspectiveCamera, Vector3 } from 'three';
import type { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { distanceForSameSpan, type FitBox, fitCamera, type FitMargins } from './camera-fit';

const FLY_SECONDS = 1.2;
/**
 * Views look from the operator aisle side (+z), from the left and raised 34°: a 3/4 view
 * in which machines show their sides without hiding each other and the hall still reads as a floor.
 */
const VIEW_ELEVATION_DEG = 34;
const VIEW_AZIMUTH_DEG = -22;
export const VIEW_DIR = new Vector3().setFromSphericalCoords(1, MathUtils.degToRad(90 - VIEW_ELEVATION_DEG), MathUtils.degToRad(VIEW_AZIMUTH_DEG));
/** Room for the overlays over the 3D view: preset/search bar on top, line banners above their anchor. */
export const FIT_MARGINS: FitMargins = { top: 44, right: 12, bottom: 12, left: 12 };

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
  /** The box the view was last fitted to; kept while the user leaves the camera alone, so a resize re-fits it. */
  private framed: { box: FitBox; margins: FitMargins } | undefined;
  private width = 1;
  private height = 1;
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
    this.framed = undefined;
    this.onUserMove();
  };

  /**
   * The 3D view's size in px; a fitted view is fitted again to the new aspect at once, and a view
   * the user moved by hand keeps what it showed from side to side (folding the side panel away
   * brings it closer rather than adding empty floor at the sides).
   */
  setViewport(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    const before = { width: this.width, height: this.height };
    this.width = width;
    this.height = height;
    const framed = this.framed;
    if (!framed) {
      if (before.width <= 1 || before.height <= 1) return;
      const offset = this.camera.position.clone().sub(this.controls.target);
      offset.setLength(distanceForSameSpan(offset.length(), before, { width, height }));
      this.camera.position.copy(this.controls.target).add(offset);
      this.controls.update();
      return;
    }
    const f = this.flight;
    if (f) this.fit(framed.box, framed.margins, f.toPos, f.toTarget);
    else this.flyToBox(framed.box, true, framed.margins);
  }

  private fit(box: FitBox, margins: FitMargins, position: Vector3, target: Vector3): void {
    fitCamera(box, { fovDeg: this.camera.fov, width: this.width, height: this.height, dir: VIEW_DIR, margins }, position, target);
  }

  /** Frame a floor area and what stands on it so that it fills the view less `margins` (px). */
  flyToBox(box: FitBox, immediate = false, margins = FIT_MARGINS): void {
    const toPos = new Vector3();
    const target = new Vector3();
    this.fit(box, margins, toPos, target);
    this.move(toPos, target, immediate);
    this.framed = { box, margins };
  }

  private move(toPos: Vector3, target: Vector3, immediate: boolean): void {
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
