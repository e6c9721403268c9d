import type { KitFactory } from './kit';
import { type Axis, Parts, type Tone } from './parts';

/** A roll with a dark stripe along it, so that its rotation can be seen. */
export function roll(radius: number, length: number, axis: Axis, tone: Tone = 'steel'): Parts {
  const stripe: [number, number, number] = axis === 'x' ? [length, radius * 0.25, radius * 0.25] : axis === 'z' ? [radius * 0.25, radius * 0.25, length] : [radius * 0.25, length, radius * 0.25];
  const at: [number, number, number] = axis === 'y' ? [radius, 0, 0] : [0, radius, 0];
  return new Parts().cyl(radius, radius, length, [0, 0, 0], tone, axis, 14).box(stripe, at, 'dark');
}

const banburyMixer: KitFactory = () => {
  const body = new Parts()
    .box([4.2, 1.2, 3.6], [0, 0.6, 0], 'frame')
    .box([3.2, 2, 2.8], [0, 2.2, 0], 'body')
    .box([1, 1.8, 2.4], [-2.1, 2.1, 0], 'dark')
    .cyl(0.55, 0.55, 1.4, [-2.1, 1.9, 1.9], 'dark', 'z')
    .box([2.2, 1.2, 2], [0, 3.8, 0], 'body')
    .cyl(1.5, 0.8, 1.2, [0, 5, 0], 'body', 'y', 4)
    .cyl(0.3, 0.3, 2.4, [0, 6.6, 0], 'frame')
    .box([1.6, 0.1, 3.6], [2, 4.4, 0], 'guard')
    .box([0.06, 1, 3.6], [2.8, 4.9, 0], 'guard')
    .box([1.2, 0.6, 3], [2.3, 0.9, 0], 'belt')
    .build();
  const ram = new Parts().box([1, 0.9, 1], [0, 0, 0], 'steel').cyl(0.12, 0.12, 1.6, [0, 1.2, 0], 'steel').build();
  return { body, height: 7.8, product: 'slab', movers: [{ geometry: ram, mounts: [{ at: [0, 5.2, 0] }], motion: { kind: 'stroke', axis: 'y', amplitude: 1.1, periodS: 8 } }] };
};

const extruder: KitFactory = () => {
  const p = new Parts()
    .box([7.6, 0.6, 1.6], [0, 0.3, 0], 'frame')
    .box([1.4, 1.5, 1.4], [-3.1, 1.35, 0], 'dark')
    .cyl(0.45, 0.45, 1.1, [-3.1, 1.2, 1.25], 'dark', 'z')
    .cyl(0.32, 0.32, 5, [0.2, 1.35, 0], 'steel', 'x')
    .cyl(0.55, 0.2, 0.8, [-1.9, 2.1, 0], 'body', 'y', 4)
    .box([0.8, 1.1, 1.3], [3, 1.35, 0], 'body')
    .box([0.3, 0.3, 1.5], [3.5, 1, 0], 'steel')
    .box([1.4, 0.08, 1.2], [4.3, 0.85, 0], 'belt');
  for (let i = 0; i < 5; i++) p.cyl(0.42, 0.42, 0.45, [-1.2 + i * 0.85, 1.35, 0], 'dark', 'x');
  for (const x of [-0.8, 1.6]) p.box([0.2, 0.9, 0.2], [x, 0.9, 0], 'frame');
  const coupling = roll(0.36, 0.4, 'x', 'frame').build();
  return { body: p.build(), height: 2.6, product: 'slab', movers: [{ geometry: coupling, mounts: [{ at: [-2.2, 1.35, 0] }], motion: { kind: 'spin', axis: 'x', rps: 1.5 } }] };
};

const calender: KitFactory = () => {
  const body = new Parts()
    .box([5, 0.5, 2.8], [0, 0.25, 0], 'frame')
    .box([2.2, 2.9, 0.35], [0, 1.9, 1.25], 'body')
    .box([2.2, 2.9, 0.35], [0, 1.9, -1.25], 'body')
    .box([2.2, 0.3, 2.85], [0, 3.35, 0], 'body')
    .box([1, 1.2, 0.8], [0, 1.2, 1.85], 'dark')
    .box([0.8, 0.9, 2.2], [-2.4, 0.45, 0], 'frame')
    .box([0.8, 0.9, 2.2], [2.4, 0.45, 0], 'frame')
    .build();
  const workRoll = roll(0.32, 2.1, 'z').build();
  const fabricRoll = roll(0.6, 2.1, 'z', 'rubber').build();
  return {
    body,
    height: 3.6,
    product: 'slab',
    movers: [
      { geometry: workRoll, mounts: [{ at: [-0.36, 1.05, 0] }, { at: [0.36, 1.05, 0] }, { at: [0.36, 1.77, 0] }, { at: [0.36, 2.49, 0] }], motion: { kind: 'spin', axis: 'z', rps: 0.6 } },
      { geometry: fabricRoll, mounts: [{ at: [-2.4, 1.5, 0] }, { at: [2.4, 1.5, 0] }], motion: { kind: 'spin', axis: 'z', rps: 0.25 } },
    ],
  };
};

const beadWinder: KitFactory = () => {
  const body = new Parts()
    .box([2.4, 1, 1.6], [0, 0.5, 0], 'body')
    .box([0.3, 1.5, 1.6], [-0.9, 1.6, 0], 'frame')
    .cyl(0.4, 0.4, 0.5, [0.9, 1.35, 0], 'steel', 'z')
    .box([0.45, 0.4, 0.4], [0.2, 1.25, 0.5], 'dark')
    .build();
  const former = new Parts().ring(0.45, 0.06, [0, 0, 0], 'steel', 'x').box([0.06, 0.9, 0.06], [0, 0, 0], 'dark').box([0.06, 0.06, 0.9], [0, 0, 0], 'dark').build();
  return { body, height: 2.3, product: 'bead', movers: [{ geometry: former, mounts: [{ at: [-0.6, 1.75, 0] }], motion: { kind: 'spin', axis: 'x', rps: 0.8 } }] };
};

/** Bias cutter: the knife gantry crosses the ply at the cut angle. */
const CUT_ANGLE_DEG = 25;
const cutter: KitFactory = () => {
  const a = (CUT_ANGLE_DEG * Math.PI) / 180;
  const body = new Parts()
    .box([4.8, 0.9, 2.2], [0, 0.45, 0], 'frame')
    .box([4.8, 0.05, 2], [0, 0.93, 0], 'belt')
    .box([0.3, 0.3, 3], [0, 1.75, 0], 'steel', CUT_ANGLE_DEG)
    .box([0.25, 1.7, 0.25], [1.45 * Math.sin(a), 0.85, 1.45 * Math.cos(a)], 'frame')
    .box([0.25, 1.7, 0.25], [-1.45 * Math.sin(a), 0.85, -1.45 * Math.cos(a)], 'frame')
    .cyl(0.5, 0.5, 2, [-2.7, 1, 0], 'rubber', 'z')
    .build();
  const knife = new Parts().box([0.4, 0.35, 0.4], [0, 0, 0], 'dark').box([0.05, 0.4, 0.3], [0, -0.3, 0], 'steel').build();
  return { body, height: 2, product: 'slab', movers: [{ geometry: knife, mounts: [{ at: [0, 1.5, 0], yawDeg: CUT_ANGLE_DEG }], motion: { kind: 'stroke', axis: 'z', amplitude: 2.2, periodS: 3 } }] };
};

const tireBuilder: KitFactory = () => {
  const p = new Parts()
    .box([1, 2, 1.6], [-1.5, 1, 0], 'body')
    .box([3.6, 0.4, 1.2], [0, 0.2, 0], 'frame')
    .cyl(0.08, 0.08, 2.8, [0.2, 1.2, 0], 'steel', 'x')
    .box([0.4, 1.4, 0.8], [1.8, 0.7, 0], 'frame')
    .box([2.8, 1.8, 0.5], [0.1, 0.9, -1.25], 'frame');
  for (const x of [-0.8, 0.1, 1]) p.cyl(0.24, 0.24, 0.45, [x, 1.95, -1.25], 'rubber', 'z');
  const drum = roll(0.55, 0.7, 'x', 'dark').build();
  const transferRing = new Parts().ring(0.78, 0.08, [0, 0, 0], 'steel', 'x').build();
  return {
    body: p.build(),
    height: 2.6,
    product: 'tire',
    movers: [
      { geometry: drum, mounts: [{ at: [-0.45, 1.2, 0] }, { at: [1.05, 1.2, 0] }], motion: { kind: 'spin', axis: 'x', rps: 0.7 } },
      { geometry: transferRing, mounts: [{ at: [0.3, 1.2, 0] }], motion: { kind: 'stroke', axis: 'x', amplitude: 0.6, periodS: 6 } },
    ],
  };
};

/** Dual-cavity press, operator side towards +z; the lid hinges at the back. */
const curingPress: KitFactory = () => {
  const body = new Parts()
    .box([2.3, 0.9, 1.8], [0, 0.45, 0], 'body')
    .cyl(0.5, 0.5, 0.3, [-0.55, 1.05, 0.1], 'steel', 'y', 20)
    .cyl(0.5, 0.5, 0.3, [0.55, 1.05, 0.1], 'steel', 'y', 20)
    .box([2.3, 2.5, 0.3], [0, 1.25, -0.9], 'frame')
    .box([0.2, 1.6, 1.2], [-1.1, 1.3, -0.3], 'body')
    .box([0.2, 1.6, 1.2], [1.1, 1.3, -0.3], 'body')
    .cyl(0.07, 0.07, 2.3, [0, 0.7, -1.1], 'dark', 'x')
    .build();
  const lid = new Parts()
    .box([2.2, 0.35, 1.6], [0, 0, 0.85], 'body')
    .cyl(0.5, 0.5, 0.2, [-0.55, -0.27, 0.95], 'steel', 'y', 20)
    .cyl(0.5, 0.5, 0.2, [0.55, -0.27, 0.95], 'steel', 'y', 20)
    .box([2.3, 0.25, 0.35], [0, 0.28, 0.1], 'frame')
    .build();
  return { body, height: 3, product: 'tire', movers: [{ geometry: lid, mounts: [{ at: [0, 1.55, -0.75] }], motion: { kind: 'lid', lift: 0.5, tiltDeg: 38 } }] };
};

const uniformity: KitFactory = () => {
  const body = new Parts()
    .box([2.6, 0.8, 2.4], [0, 0.4, 0], 'body')
    .box([0.25, 1.6, 0.25], [-1.1, 1.6, 0], 'frame')
    .box([0.25, 1.6, 0.25], [1.1, 1.6, 0], 'frame')
    .box([2.45, 0.25, 0.35], [0, 2.3, 0], 'frame')
    .cyl(0.25, 0.25, 0.6, [0, 1.9, 0], 'steel')
    .cyl(0.25, 0.25, 0.35, [0, 0.95, 0], 'steel')
    .box([0.5, 0.6, 0.9], [1.2, 1.1, 0], 'dark')
    .build();
  const tire = new Parts().ring(0.38, 0.12, [0, 0, 0], 'rubber', 'y').box([0.1, 0.26, 0.1], [0.38, 0, 0], 'steel').build();
  const loadWheel = roll(0.3, 0.3, 'y').build();
  return {
    body,
    height: 2.5,
    product: 'tire',
    movers: [
      { geometry: tire, mounts: [{ at: [0, 1.3, 0] }], motion: { kind: 'spin', axis: 'y', rps: 1 } },
      { geometry: loadWheel, mounts: [{ at: [0.85, 1.3, 0] }], motion: { kind: 'spin', axis: 'y', rps: -1.3 } },
    ],
  };
};

const xray: KitFactory = () => {
  const body = new Parts()
    .box([2.6, 2.8, 2.6], [0, 1.4, 0], 'body')
    .box([0.75, 1.3, 1.5], [-1.65, 0.9, 0], 'frame')
    .box([0.75, 1.3, 1.5], [1.65, 0.9, 0], 'frame')
    .box([4.4, 0.1, 1], [0, 0.8, 0], 'belt')
    .box([1.1, 0.6, 0.05], [0, 1.9, 1.31], 'glass')
    .box([0.5, 0.4, 0.5], [-0.8, 3, -0.8], 'dark')
    .build();
  const beacon = new Parts().cyl(0.13, 0.13, 0.3, [0, 0, 0], 'guard', 'y', 6).box([0.3, 0.1, 0.05], [0.1, 0, 0], 'dark').build();
  return { body, height: 3.2, product: 'tire', movers: [{ geometry: beacon, mounts: [{ at: [0.9, 2.95, 0.9] }], motion: { kind: 'spin', axis: 'y', rps: 1 } }] };
};

/** Automated storage: two racks either side of a stacker-crane aisle, partly filled with tires. */
const warehouse: KitFactory = () => {
  const p = new Parts().box([10, 0.05, 0.25], [0, 0.03, 0], 'steel').box([1.4, 0.8, 1.2], [-5.6, 0.4, 0], 'frame');
  const bays = 8;
  const levels = [0.9, 2.1, 3.3, 4.5, 5.7, 6.9];
  for (const z of [-2.7, -1.1, 1.1, 2.7]) {
    for (let i = 0; i <= bays; i++) p.box([0.1, 7.5, 0.1], [-4.8 + i * 1.2, 3.75, z], 'frame');
    for (const y of levels) p.box([9.7, 0.08, 0.08], [0, y, z], 'body');
  }
  for (const [side, z] of [[0, -1.9], [1, 1.9]] as const) {
    levels.forEach((y, lvl) => {
      for (let i = 0; i < bays; i++) {
        if ((i * 7 + lvl * 3 + side * 5) % 5 === 0) continue;
        p.cyl(0.42, 0.42, 0.5, [-4.2 + i * 1.2, y + 0.3, z], 'rubber', 'y', 10);
      }
    });
  }
  const crane = new Parts().box([0.3, 7.8, 0.3], [0, 3.9, 0], 'steel').box([0.9, 0.3, 0.7], [0, 0.15, 0], 'dark').box([0.8, 0.35, 0.9], [0, 3, 0], 'dark').box([0.9, 0.2, 0.7], [0, 7.9, 0], 'dark').build();
  return { body: p.build(), height: 8.2, product: 'tire', movers: [{ geometry: crane, mounts: [{ at: [4.3, 0, 0] }], motion: { kind: 'stroke', axis: 'x', amplitude: -8.6, periodS: 14 } }] };
};

const agv: KitFactory = () => {
  const body = new Parts()
    .box([1.6, 0.32, 1], [0, 0.22, 0], 'body')
    .box([0.06, 0.14, 1], [0.82, 0.2, 0], 'guard')
    .box([0.06, 0.14, 1], [-0.82, 0.2, 0], 'guard')
    .cyl(0.08, 0.08, 0.12, [0.6, 0.44, 0], 'dark')
    .box([1.2, 0.05, 0.8], [-0.1, 0.41, 0], 'frame')
    .ring(0.3, 0.1, [-0.1, 0.54, 0], 'rubber', 'y', 16)
    .build();
  return { body, height: 0.8, product: 'tire', mobile: true, movers: [] };
};

export const TIRE_KITS: Record<string, KitFactory> = {
  'banbury-mixer': banburyMixer,
  extruder,
  calender,
  'bead-winder': beadWinder,
  cutter,
  'tire-builder': tireBuilder,
  'curing-press': curingPress,
  uniformity,
  xray,
  warehouse,
  agv,
};
