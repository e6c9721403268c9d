import type { KitFactory } from './kit';
import { Parts } from './parts';
import { roll } from './tire-kits';

/** The roller conveyor that runs through most appliance test and assembly stations. */
function withConveyor(p: Parts, length: number, width = 1.2): Parts {
  return p.box([length, 0.7, width], [0, 0.35, 0], 'frame').box([length, 0.05, width - 0.1], [0, 0.72, 0], 'belt');
}

const sheetMetal: KitFactory = () => {
  const p = new Parts()
    .box([1, 0.8, 1.2], [-3.4, 0.4, 0], 'frame')
    .box([4, 0.8, 1.2], [-0.6, 0.4, 0], 'frame')
    .box([2, 0.9, 2.4], [2.6, 0.45, 0], 'body')
    .box([2.2, 0.7, 2.4], [2.6, 2.75, 0], 'body');
  for (let i = 0; i < 6; i++) {
    p.box([0.2, 0.6, 1.1], [-2.2 + i * 0.65, 1.1, 0], 'body').cyl(0.1, 0.1, 1, [-2.2 + i * 0.65, 1.05, 0], 'steel', 'z', 8);
  }
  for (const x of [1.75, 3.45]) for (const z of [-0.9, 0.9]) p.box([0.35, 1.8, 0.35], [x, 1.8, z], 'body');
  const slide = new Parts().box([1.6, 0.5, 1.8], [0, 0, 0], 'dark').build();
  const coil = roll(0.7, 0.9, 'z').build();
  return {
    body: p.build(),
    height: 3.2,
    product: 'panel',
    movers: [
      { geometry: slide, mounts: [{ at: [2.6, 2.15, 0] }], motion: { kind: 'stroke', axis: 'y', amplitude: -0.9, periodS: 2 } },
      { geometry: coil, mounts: [{ at: [-3.4, 1.5, 0] }], motion: { kind: 'spin', axis: 'z', rps: -0.2 } },
    ],
  };
};

const thermoformer: KitFactory = () => {
  const p = new Parts()
    .box([5.6, 0.8, 3.2], [0, 0.4, 0], 'frame')
    .box([2.2, 0.6, 3], [-1.9, 2.5, 0], 'dark')
    .box([1.2, 0.6, 2.2], [2.3, 1.1, 0], 'cabinet')
    .box([2.6, 0.4, 3.2], [0, 2.9, 0], 'body');
  for (const x of [-1.2, 1.2]) for (const z of [-1.4, 1.4]) p.box([0.2, 2.2, 0.2], [x, 1.9, z], 'frame');
  const table = new Parts().box([2, 0.4, 2.8], [0, 0, 0], 'steel').box([1.2, 0.8, 1.8], [0, 0.6, 0], 'cabinet').build();
  return { body: p.build(), height: 3.2, product: 'panel', movers: [{ geometry: table, mounts: [{ at: [0, 1, 0] }], motion: { kind: 'stroke', axis: 'y', amplitude: 0.7, periodS: 6 } }] };
};

const assembly: KitFactory = () => {
  const p = withConveyor(new Parts(), 10, 1.4).box([10, 0.1, 0.05], [0, 0.85, 0.7], 'guard').box([10, 0.1, 0.05], [0, 0.85, -0.7], 'guard');
  const robots = [
    { at: [-2.5, 0.6, 1.25], yawDeg: 90 },
    { at: [2.5, 0.6, 1.25], yawDeg: 90 },
    { at: [0, 0.6, -1.25], yawDeg: -90 },
  ] as const;
  for (const r of robots) p.cyl(0.3, 0.35, 0.6, [r.at[0], 0.3, r.at[2]], 'frame');
  const arm = new Parts()
    .cyl(0.25, 0.25, 0.3, [0, 0.15, 0], 'body')
    .box([0.18, 1.1, 0.18], [0, 0.8, 0], 'body')
    .box([1, 0.15, 0.15], [0.5, 1.3, 0], 'body')
    .box([0.12, 0.35, 0.12], [0.95, 1.1, 0], 'dark')
    .build();
  return {
    body: p.build(),
    height: 2.2,
    product: 'cabinet',
    carrier: { from: [-4.8, 0.75, 0], to: [4.8, 0.75, 0], count: 4, product: 'cabinet' },
    movers: [{ geometry: arm, mounts: robots.map((r) => ({ at: r.at, yawDeg: r.yawDeg })), motion: { kind: 'swing', amplitudeDeg: 50, periodS: 5 } }],
  };
};

const FOAM_FIXTURES = 20;
/** Foaming carousel: fixtures on a turntable that indexes one fixture per takt past the pour head. */
const foamingLine: KitFactory = () => {
  const body = new Parts()
    .cyl(4.3, 4.3, 0.3, [0, 0.15, 0], 'frame', 'y', 32)
    .cyl(0.6, 0.6, 2.4, [0, 1.2, 0], 'frame')
    .box([0.3, 2.7, 0.3], [-1.2, 1.35, 4.4], 'frame')
    .box([0.3, 2.7, 0.3], [1.2, 1.35, 4.4], 'frame')
    .box([2.7, 0.3, 0.4], [0, 2.75, 4.4], 'frame')
    .box([0.45, 0.6, 0.45], [0, 2.3, 4.1], 'dark')
    .build();
  const carousel = new Parts().cyl(4, 4, 0.25, [0, 0, 0], 'body', 'y', 40);
  for (let i = 0; i < FOAM_FIXTURES; i++) {
    const a = (i / FOAM_FIXTURES) * Math.PI * 2;
    const r = 3.3;
    carousel.box([0.95, 1.3, 0.9], [Math.cos(a) * r, 0.78, Math.sin(a) * r], i % 2 ? 'frame' : 'dark', (-a * 180) / Math.PI);
    carousel.box([0.6, 1.1, 0.6], [Math.cos(a) * (r - 0.3), 0.85, Math.sin(a) * (r - 0.3)], 'cabinet', (-a * 180) / Math.PI);
  }
  return { body, height: 2.9, product: 'cabinet', movers: [{ geometry: carousel.build(), mounts: [{ at: [0, 0.45, 0] }], motion: { kind: 'index', steps: FOAM_FIXTURES } }] };
};

const leakTest: KitFactory = () => {
  const p = withConveyor(new Parts(), 4)
    .box([4, 2.5, 0.15], [0, 1.25, -1.4], 'body')
    .box([4, 0.1, 2.9], [0, 2.45, 0], 'frame')
    .box([0.6, 1.4, 0.5], [-1.6, 0.7, -1.05], 'dark');
  for (const x of [-1.9, 1.9]) p.box([0.12, 2.4, 0.12], [x, 1.2, 1.4], 'frame');
  for (let i = 0; i < 3; i++) p.cyl(0.15, 0.15, 1.4, [0.9 + i * 0.4, 0.7, -1.1], 'steel', 'y', 10);
  const probe = new Parts().box([0.5, 0.3, 0.3], [0, 0, 0], 'dark').box([0.05, 0.6, 0.05], [0, -0.45, 0], 'steel').build();
  return { body: p.build(), height: 2.6, product: 'cabinet', movers: [{ geometry: probe, mounts: [{ at: [0, 2.1, 0] }], motion: { kind: 'stroke', axis: 'y', amplitude: -0.5, periodS: 4 } }] };
};

const vacuum: KitFactory = () => {
  const p = withConveyor(new Parts(), 4)
    .box([1, 1.2, 0.8], [-1.4, 0.6, -1.1], 'body')
    .cyl(0.2, 0.2, 0.6, [-1.6, 1.4, -1.1], 'dark', 'x', 10)
    .cyl(0.2, 0.2, 0.6, [-1.1, 1.4, -1.1], 'dark', 'x', 10)
    .box([4, 0.15, 0.15], [0, 2.05, -0.6], 'frame');
  for (const x of [-1.9, 1.9]) p.box([0.12, 2.05, 0.12], [x, 1.02, -0.6], 'frame');
  for (let i = 0; i < 4; i++) p.cyl(0.04, 0.04, 1, [-1.2 + i * 0.8, 1.5, -0.6], 'rubber', 'y', 6);
  const carriage = new Parts().box([0.6, 0.25, 0.4], [0, 0, 0], 'dark').build();
  return { body: p.build(), height: 2.2, product: 'cabinet', movers: [{ geometry: carriage, mounts: [{ at: [-1.2, 1.85, -0.6] }], motion: { kind: 'stroke', axis: 'x', amplitude: 2.4, periodS: 8 } }] };
};

const charging: KitFactory = () => {
  const body = withConveyor(new Parts(), 3)
    .box([0.9, 1.8, 0.7], [-0.9, 0.9, -1.1], 'body')
    .cyl(0.3, 0.3, 1.2, [0.5, 0.6, -1.15], 'steel', 'x', 12)
    .cyl(0.08, 0.08, 2.3, [0.2, 1.15, -1.2], 'frame')
    .build();
  const boom = new Parts().box([1.4, 0.08, 0.08], [0.7, 0, 0], 'frame').cyl(0.05, 0.05, 0.5, [1.35, -0.25, 0], 'dark', 'y', 6).build();
  return { body, height: 2.5, product: 'cabinet', movers: [{ geometry: boom, mounts: [{ at: [0.2, 2.25, -1.2], yawDeg: -60 }], motion: { kind: 'swing', amplitudeDeg: 35, periodS: 6 } }] };
};

/** Pull-down test bay: a cage of cabinets plugged in for an hour, a circulation fan on top. */
const performanceTest: KitFactory = () => {
  const p = new Parts().box([4, 0.1, 6], [0, 0.05, 0], 'frame').box([4, 2.2, 0.06], [0, 1.1, -2.9], 'glass');
  for (const x of [-1.95, 1.95]) {
    for (const z of [-2.95, 2.95]) p.box([0.1, 2.8, 0.1], [x, 1.4, z], 'frame');
    p.box([0.1, 0.1, 6], [x, 2.8, 0], 'frame');
  }
  for (const z of [-2.95, 2.95]) p.box([4, 0.1, 0.1], [0, 2.8, z], 'frame');
  for (const x of [-1.2, 0, 1.2]) for (const z of [-1.6, 0.2]) p.box([0.75, 1.8, 0.7], [x, 1, z], 'cabinet');
  const fan = new Parts().cyl(0.6, 0.6, 0.06, [0, 0, 0], 'dark', 'y', 3).build();
  return { body: p.build(), height: 3, product: 'cabinet', movers: [{ geometry: fan, mounts: [{ at: [0, 2.95, 1.8] }], motion: { kind: 'spin', axis: 'y', rps: 2 } }] };
};

const safetyTest: KitFactory = () => {
  const body = withConveyor(new Parts(), 3)
    .box([3, 1.2, 0.05], [0, 0.9, 1.45], 'guard')
    .box([3, 1.2, 0.05], [0, 0.9, -1.45], 'guard')
    .box([0.7, 1.1, 0.5], [1, 0.55, -1.05], 'dark')
    .cyl(0.06, 0.06, 0.5, [1, 1.35, -1.05], 'guard', 'y', 6)
    .box([0.1, 1.9, 0.1], [0, 0.95, -0.8], 'frame')
    .build();
  const probe = new Parts().box([0.3, 0.35, 0.3], [0, 0, 0], 'dark').build();
  return { body, height: 2.2, product: 'cabinet', movers: [{ geometry: probe, mounts: [{ at: [0, 1.8, -0.4] }], motion: { kind: 'stroke', axis: 'y', amplitude: -0.4, periodS: 3 } }] };
};

const packaging: KitFactory = () => {
  const p = withConveyor(new Parts(), 6, 1.4).box([2.4, 0.3, 2.8], [-1.5, 2.9, 0], 'frame').box([1.2, 1.4, 1.2], [2.2, 0.7, -1.45], 'guard');
  for (const x of [-2.6, -0.4]) for (const z of [-1.3, 1.3]) p.box([0.2, 2.9, 0.2], [x, 1.45, z], 'frame');
  const wrapRing = new Parts().ring(1.1, 0.06, [0, 0, 0], 'steel', 'y', 32).box([0.2, 0.5, 0.2], [1.1, 0, 0], 'guard').build();
  return { body: p.build(), height: 3.1, product: 'cabinet', movers: [{ geometry: wrapRing, mounts: [{ at: [-1.5, 1.6, 0] }], motion: { kind: 'spin', axis: 'y', rps: 0.5 } }] };
};

export const FRIDGE_KITS: Record<string, KitFactory> = {
  'sheet-metal': sheetMetal,
  thermoformer,
  assembly,
  'foaming-line': foamingLine,
  'leak-test': leakTest,
  vacuum,
  charging,
  'performance-test': performanceTest,
  'safety-test': safetyTest,
  packaging,
};
