import type { BufferGeometry } from 'three';
import { footprintOf } from '../station-footprint';
import { type Axis, Parts } from './parts';

export type Vec3 = readonly [number, number, number];

/**
 * How a moving part moves. Everything but `lid` and `index` advances only while the station
 * runs, so a stopped machine visibly stands still (ISA-101: running shown by motion).
 */
export type Motion =
  | { kind: 'spin'; axis: Axis; rps: number }
  | { kind: 'stroke'; axis: Axis; amplitude: number; periodS: number }
  | { kind: 'swing'; amplitudeDeg: number; periodS: number }
  /** Opens at the end of each cycle (a count increment, or `elapsedS`), open while waiting for work. */
  | { kind: 'lid'; lift: number; tiltDeg: number }
  /** Turns one of `steps` stations about y per cycle, as a foaming carousel indexes. */
  | { kind: 'index'; steps: number };

export interface Mount {
  at: Vec3;
  yawDeg?: number;
}

export interface Mover {
  geometry: BufferGeometry;
  mounts: Mount[];
  motion: Motion;
}

export type ProductKind = 'tire' | 'bead' | 'slab' | 'cabinet' | 'panel';

/** Products that ride through the machine itself while it runs (an assembly conveyor). */
export interface Carrier {
  from: Vec3;
  to: Vec3;
  count: number;
  product: ProductKind;
}

export interface Kit {
  body: BufferGeometry;
  movers: Mover[];
  carrier?: Carrier;
  /** The whole machine drives around (AGV): its body follows a route instead of standing still. */
  mobile?: boolean;
  /** Height of the machine, for label and indicator anchors. */
  height: number;
  /** What leaves this station on a conveyor. */
  product: ProductKind;
}

export type KitFactory = () => Kit;

/** Stand-in for station types nobody has modelled yet: the type's envelope as a plain box. */
export function envelopeKit(type: string): Kit {
  const [w, h, d] = footprintOf(type);
  return { body: new Parts().box([w, h, d], [0, h / 2, 0], 'body').build(), movers: [], height: h, product: 'slab' };
}
