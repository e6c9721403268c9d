import { BoxGeometry, BufferAttribute, type BufferGeometry, Color, CylinderGeometry, Euler, Matrix4, Quaternion, TorusGeometry, Vector3 } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/**
 * Surface tones of procedural equipment. One vertex-coloured material serves every machine, so a
 * whole station type is one draw call; ISA-101 keeps these greys, colour is left for states.
 */
export const TONES = {
  body: '#9aa1a8',
  frame: '#6b7279',
  dark: '#3d4247',
  steel: '#c4c9ce',
  rubber: '#26292c',
  guard: '#b5a97a',
  cabinet: '#e4e6e8',
  glass: '#7d93a3',
  belt: '#4a4f54',
  marking: '#c8b45a',
  zone: '#bfc3c7',
  wall: '#7c838a',
} as const;
export type Tone = keyof typeof TONES;

export type Axis = 'x' | 'y' | 'z';
type Vec3 = readonly [number, number, number];

const toneColors = new Map<Tone, Color>();
function toneColor(tone: Tone): Color {
  let c = toneColors.get(tone);
  if (!c) {
    c = new Color(TONES[tone]);
    toneColors.set(tone, c);
  }
  return c;
}

/** Rotation that turns a primitive built along +y onto the given axis. */
const AXIS_EULER: Record<Axis, Euler> = {
  x: new Euler(0, 0, Math.PI / 2),
  y: new Euler(0, 0, 0),
  z: new Euler(Math.PI / 2, 0, 0),
};

const m = new Matrix4();
const q = new Quaternion();
const s = new Vector3(1, 1, 1);
const p = new Vector3();

/**
 * Accumulates primitives (already placed and coloured) and merges them into one geometry.
 * Geometry is built once per station type and shared by every instance of it.
 */
export class Parts {
  private readonly items: BufferGeometry[] = [];

  private add(g: BufferGeometry, tone: Tone, at: Vec3, rot: Euler): this {
    g.deleteAttribute('uv');
    const geo = g.index ? g.toNonIndexed() : g;
    if (geo !== g) g.dispose();
    m.compose(p.set(at[0], at[1], at[2]), q.setFromEuler(rot), s);
    geo.applyMatrix4(m);
    const n = geo.getAttribute('position').count;
    const colors = new Float32Array(n * 3);
    const c = toneColor(tone);
    for (let i = 0; i < n; i++) c.toArray(colors, i * 3);
    geo.setAttribute('color', new BufferAttribute(colors, 3));
    this.items.push(geo);
    return this;
  }

  /** Axis-aligned box centred at `at`, optionally turned about y. */
  box(size: Vec3, at: Vec3, tone: Tone, yawDeg = 0): this {
    return this.add(new BoxGeometry(size[0], size[1], size[2]), tone, at, new Euler(0, (yawDeg * Math.PI) / 180, 0));
  }

  /** Cylinder (or frustum, or n-gon prism with few segments) centred at `at`, along `axis`. */
  cyl(rTop: number, rBottom: number, length: number, at: Vec3, tone: Tone, axis: Axis = 'y', segments = 16): this {
    return this.add(new CylinderGeometry(rTop, rBottom, length, segments), tone, at, AXIS_EULER[axis]);
  }

  /** Torus around `axis` (the ring lies in the plane normal to it). */
  ring(radius: number, tube: number, at: Vec3, tone: Tone, axis: Axis = 'y', segments = 24): this {
    const toAxis: Record<Axis, Euler> = { x: new Euler(0, Math.PI / 2, 0), y: new Euler(Math.PI / 2, 0, 0), z: new Euler(0, 0, 0) };
    return this.add(new TorusGeometry(radius, tube, 8, segments), tone, at, toAxis[axis]);
  }

  build(): BufferGeometry {
    const merged = mergeGeometries(this.items, false);
    for (const g of this.items) g.dispose();
    this.items.length = 0;
    merged.computeBoundingSphere();
    merged.computeBoundingBox();
    return merged;
  }
}
