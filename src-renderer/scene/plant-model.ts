import { Color, type InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import type { PlantFile, StationSpec } from '../../src-main/shared/plant-schema';
import type { StationView } from '../../src-main/shared/views';
import type { Kit, Motion, Mover } from './kits/kit';
import { kitFor } from './kits/registry';
import { FlowNetwork, ConveyorLane } from './live/flow';
import { TrendRing } from './live/trend-ring';
import { agvRoute, exitDistance, LABEL_LIFT_M, type P3, pointAlong, polylineLength, trimPolyline, viewPresets, type ViewPreset } from './plant-layout';
import { bodyColor, type Indicator, indicatorFor, NORMAL_GREY, type Priority } from './state-style';

const TREND_SAMPLES = 120;
const TREND_PERIOD_S = 1;
const MAX_TRENDED_METRICS = 16;
const AGV_SPEED_M_PER_S = 1.2;
/** Seconds a curing press lid takes to open, stays open for unload/load, and takes to close. */
const LID_TIMING = { open: 1.5, hold: 5, close: 2 };
const INDEX_TURN_S = 2;
/** A lid step smaller than this (fraction of fully open) is not worth new matrices. */
const LID_STILL = 1e-4;

export interface StationRuntime {
  spec: StationSpec;
  lineId: string;
  kit: Kit;
  /** Instance index of this station in its type's batch. */
  slot: number;
  batch: KitBatch;
  base: Matrix4;
  position: Vector3;
  yaw: number;
  /** Where the label and indicator sit, above the machine. */
  anchor: Vector3;
  route: P3[] | undefined;
  routeLength: number;
  routeAt: number;
  /** Seconds spent running: drives continuous motion, so a stopped machine stands still. */
  runT: number;
  /** Seconds since the last count increment (the end of a cycle). */
  cycleAge: number;
  cycles: number;
  lastTotal: number;
  lidOpen: number;
  indicator: Indicator;
  trends: Map<string, TrendRing>;
  /** A glTF model stands in for the procedural one. */
  replaced: boolean;
}

export interface KitBatch {
  type: string;
  kit: Kit;
  stations: StationRuntime[];
  body: InstancedMesh | undefined;
  movers: Array<InstancedMesh | undefined>;
  hasLid: boolean;
}

export interface FrameInput {
  dt: number;
  stations: Readonly<Record<string, StationView>>;
  alarms: ReadonlyMap<string, Priority>;
}

const tints = new Map<string, Color>();
function tintFor(indicator: Indicator): Color {
  const key = bodyColor(indicator);
  let c = tints.get(key);
  if (!c) {
    // Vertex greys are ~0.35 linear: abnormal colours are boosted so that the product reads as the hue.
    if (indicator.kind === 'stale') c = new Color(0.5, 0.52, 0.6);
    // Stale and offline darken and cool the machine but keep its shape readable.
    else if (indicator.kind === 'offline') c = new Color(0.28, 0.29, 0.33);
    else if (key === NORMAL_GREY) c = new Color(1, 1, 1);
    else c = new Color(key).multiplyScalar(2.4);
    tints.set(key, c);
  }
  return c;
}

const UP = new Vector3(0, 1, 0);
const AXES = { x: new Vector3(1, 0, 0), y: UP, z: new Vector3(0, 0, 1) };
const mTmp = new Matrix4();
const mLocal = new Matrix4();
const qTmp = new Quaternion();
const vTmp = new Vector3();
const ONE = new Vector3(1, 1, 1);
const ZERO_SCALE = new Matrix4().makeScale(0, 0, 0);
const pTmp: P3 = [0, 0, 0];

const smooth = (e0: number, e1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

function lidTarget(st: StationRuntime, view: StationView | undefined): number {
  if (!view || view.stale || view.state === 'OFFLINE' || view.state === 'FAULT' || view.state === 'MAINTENANCE') return st.lidOpen;
  if (view.state !== 'RUNNING') return 1;
  if (view.metrics.recipeStep === 0) return 1;
  const age = view.metrics.elapsedS ?? st.cycleAge;
  const { open, hold, close } = LID_TIMING;
  return smooth(0, open, age) * (1 - smooth(open + hold, open + hold + close, age));
}

/** Local transform of one mover instance at its mount, given the station's motion state. */
function motionMatrix(out: Matrix4, motion: Motion, st: StationRuntime, mountIndex: number): Matrix4 {
  const phase = mountIndex * 1.3;
  switch (motion.kind) {
    case 'spin':
      return out.makeRotationAxis(AXES[motion.axis], st.runT * motion.rps * Math.PI * 2 + phase);
    case 'stroke': {
      const d = motion.amplitude * (0.5 - 0.5 * Math.cos((st.runT / motion.periodS) * Math.PI * 2 + phase));
      vTmp.copy(AXES[motion.axis]).multiplyScalar(d);
      return out.makeTranslation(vTmp.x, vTmp.y, vTmp.z);
    }
    case 'swing':
      return out.makeRotationY(((motion.amplitudeDeg * Math.PI) / 180) * Math.sin((st.runT / motion.periodS) * Math.PI * 2 + phase));
    case 'lid':
      out.makeRotationX((-motion.tiltDeg * Math.PI * st.lidOpen) / 180);
      out.setPosition(0, motion.lift * st.lidOpen, 0);
      return out;
    case 'index': {
      const turn = st.cycles + (Number.isFinite(st.cycleAge) ? smooth(0, INDEX_TURN_S, st.cycleAge) : 1);
      return out.makeRotationY(-(turn / motion.steps) * Math.PI * 2);
    }
  }
}

/**
 * Everything the scene knows about one plant, outside React: per-station motion and state, the
 * instanced batches per station type, products on conveyors. `update` runs once per frame.
 */
export class PlantModel {
  readonly stations: StationRuntime[] = [];
  readonly byId = new Map<string, StationRuntime>();
  readonly batches: KitBatch[] = [];
  readonly flow: FlowNetwork;
  readonly presets: ViewPreset[];
  private trendBudget = 0;
  private trendCursor = 0;

  constructor(readonly plant: PlantFile) {
    const byType = new Map<string, KitBatch>();
    for (const line of plant.lines) {
      for (const spec of line.stations) {
        let batch = byType.get(spec.type);
        if (!batch) {
          const kit = kitFor(spec.type);
          batch = { type: spec.type, kit, stations: [], body: undefined, movers: kit.movers.map(() => undefined), hasLid: kit.movers.some((m) => m.motion.kind === 'lid') };
          byType.set(spec.type, batch);
          this.batches.push(batch);
        }
        const yaw = ((spec.rotationDeg ?? 0) * Math.PI) / 180;
        const position = new Vector3(...spec.position);
        const route = spec.type === 'agv' || batch.kit.mobile ? agvRoute(line, spec) : undefined;
        const st: StationRuntime = {
          spec,
          lineId: line.id,
          kit: batch.kit,
          slot: batch.stations.length,
          batch,
          base: new Matrix4().compose(position, qTmp.setFromAxisAngle(UP, yaw), ONE),
          position,
          yaw,
          anchor: new Vector3(),
          route,
          routeLength: route ? polylineLength(route) : 0,
          routeAt: 0,
          runT: 0,
          cycleAge: Infinity,
          cycles: 0,
          lastTotal: -1,
          lidOpen: 0,
          indicator: { kind: 'none' },
          trends: new Map(),
          replaced: false,
        };
        if (route) st.routeAt = this.nearestAlong(route, position);
        batch.stations.push(st);
        this.stations.push(st);
        this.byId.set(spec.id, st);
      }
    }
    const lanes: ConveyorLane[] = [];
    for (const line of plant.lines) {
      for (const c of line.conveyors) {
        const from = this.byId.get(c.from);
        const to = this.byId.get(c.to);
        if (!from || !to || c.path.length < 2) continue;
        const pts = c.path as P3[];
        const [a, b] = [pts[0] as P3, pts[1] as P3];
        const [y, z] = [pts[pts.length - 2] as P3, pts[pts.length - 1] as P3];
        const trimmed = trimPolyline(pts, exitDistance(from.spec, b[0] - a[0], b[2] - a[2]), exitDistance(to.spec, z[0] - y[0], z[2] - y[2]));
        if (polylineLength(trimmed) > 0.3) lanes.push(new ConveyorLane(c.from, c.to, trimmed, c.capacity));
      }
    }
    this.flow = new FlowNetwork(lanes);
    this.presets = viewPresets(plant);
    for (const st of this.stations) this.place(st);
  }

  private nearestAlong(route: P3[], p: Vector3): number {
    let best = 0;
    let bestD = Infinity;
    const len = polylineLength(route);
    for (let d = 0; d < len; d += 0.5) {
      pointAlong(route, d, pTmp);
      const dd = (pTmp[0] - p.x) ** 2 + (pTmp[2] - p.z) ** 2;
      if (dd < bestD) [best, bestD] = [d, dd];
    }
    return best;
  }

  private place(st: StationRuntime): void {
    if (st.route) {
      const heading = pointAlong(st.route, st.routeAt % st.routeLength, pTmp);
      st.position.set(pTmp[0], pTmp[1], pTmp[2]);
      st.yaw = heading;
      st.base.compose(st.position, qTmp.setFromAxisAngle(UP, heading), ONE);
    }
    st.anchor.set(st.position.x, st.position.y + st.kit.height + LABEL_LIFT_M, st.position.z);
  }

  /** Instance matrices and colours for a freshly created batch mesh. */
  initBatch(batch: KitBatch): void {
    for (const st of batch.stations) this.writeBody(st);
    batch.movers.forEach((_, mi) => batch.stations.forEach((st) => this.writeMover(st, mi)));
    if (batch.body) batch.body.instanceMatrix.needsUpdate = true;
  }

  private writeBody(st: StationRuntime): void {
    const body = st.batch.body;
    if (!body) return;
    body.setMatrixAt(st.slot, st.replaced ? ZERO_SCALE : st.base);
    body.setColorAt(st.slot, tintFor(st.indicator));
    if (body.instanceColor) body.instanceColor.needsUpdate = true;
  }

  private writeMover(st: StationRuntime, mi: number): void {
    const mesh = st.batch.movers[mi];
    const mover = st.kit.movers[mi] as Mover;
    if (!mesh) return;
    const mounts = mover.mounts;
    for (let k = 0; k < mounts.length; k++) {
      const index = st.slot * mounts.length + k;
      if (st.replaced) {
        mesh.setMatrixAt(index, ZERO_SCALE);
        continue;
      }
      const mount = mounts[k] as Mover['mounts'][number];
      mLocal.makeRotationY(((mount.yawDeg ?? 0) * Math.PI) / 180).setPosition(mount.at[0], mount.at[1], mount.at[2]);
      mTmp.multiplyMatrices(st.base, mLocal).multiply(motionMatrix(mLocal, mover.motion, st, k));
      mesh.setMatrixAt(index, mTmp);
    }
    mesh.instanceMatrix.needsUpdate = true;
  }

  private writeMovers(st: StationRuntime): void {
    for (let mi = 0; mi < st.kit.movers.length; mi++) this.writeMover(st, mi);
  }

  setReplaced(id: string, replaced: boolean): void {
    const st = this.byId.get(id);
    if (!st) return;
    st.replaced = replaced;
    this.writeBody(st);
    if (st.batch.body) st.batch.body.instanceMatrix.needsUpdate = true;
    this.writeMovers(st);
  }

  update({ dt, stations, alarms }: FrameInput): void {
    // Each station's trends are sampled once a period, a share of the stations each frame, so that no frame samples them all.
    this.trendBudget = Math.min(this.stations.length, this.trendBudget + (this.stations.length * dt) / TREND_PERIOD_S);
    let toSample = Math.floor(this.trendBudget);
    this.trendBudget -= toSample;
    for (; toSample > 0; toSample--) {
      const st = this.stations[this.trendCursor] as StationRuntime;
      this.trendCursor = (this.trendCursor + 1) % this.stations.length;
      const view = stations[st.spec.id];
      if (view) this.sampleTrends(st, view);
    }
    for (const st of this.stations) {
      const view = stations[st.spec.id];
      const indicator = indicatorFor(view, alarms.get(st.spec.id));
      if (indicator !== st.indicator) {
        st.indicator = indicator;
        this.writeBody(st);
      }
      const running = view?.state === 'RUNNING' && !view.stale;
      if (running) st.runT += dt;
      st.cycleAge += dt;
      if (view) this.countCycles(st, view);
      if (st.route && running) {
        st.routeAt += AGV_SPEED_M_PER_S * dt;
        this.place(st);
        if (st.batch.body && !st.replaced) {
          st.batch.body.setMatrixAt(st.slot, st.base);
          st.batch.body.instanceMatrix.needsUpdate = true;
        }
      }
      let lidMoved = false;
      if (st.batch.hasLid) {
        const step = (lidTarget(st, view) - st.lidOpen) * Math.min(1, dt * 3);
        st.lidOpen += step;
        lidMoved = Math.abs(step) > LID_STILL;
      }
      // Matrices are written only for parts that move this frame: a press curing with its lid shut costs nothing.
      const movers = st.kit.movers;
      for (let mi = 0; mi < movers.length; mi++) {
        const kind = (movers[mi] as Mover).motion.kind;
        // An index turn is written once more after it ends, so that it comes to rest on the exact step.
        const moving = kind === 'lid' ? lidMoved : kind === 'index' ? st.cycleAge < INDEX_TURN_S + dt : running;
        if (moving) this.writeMover(st, mi);
      }
    }
    this.flow.advance(dt);
  }

  private countCycles(st: StationRuntime, view: StationView): void {
    const total = view.good + view.reject;
    if (st.lastTotal < 0 || total < st.lastTotal) {
      st.lastTotal = total;
      return;
    }
    const n = total - st.lastTotal;
    if (n <= 0) return;
    st.lastTotal = total;
    st.cycles += n;
    st.cycleAge = 0;
    // Capped: a burst after reconnecting must not flood the conveyors with products.
    const shown = Math.min(n, 4);
    this.flow.consumed(st.spec.id, shown);
    this.flow.produced(st.spec.id, shown);
  }

  private sampleTrends(st: StationRuntime, view: StationView): void {
    for (const name in view.metrics) {
      const value = view.metrics[name] as number;
      let ring = st.trends.get(name);
      if (!ring) {
        if (st.trends.size >= MAX_TRENDED_METRICS) continue;
        ring = new TrendRing(TREND_SAMPLES);
        st.trends.set(name, ring);
      }
      ring.push(value);
    }
  }

  /** Plant clock now, as far as the renderer can tell: the newest message time seen. */
  clockNow(stations: Readonly<Record<string, StationView>>): number {
    let now = 0;
    for (const st of this.stations) now = Math.max(now, stations[st.spec.id]?.lastUpdate ?? 0);
    return now;
  }
}
