import { type P3, polylineLength } from '../plant-layout';

const SPEED_M_PER_S = 0.8;
const ITEM_PITCH_M = 1.3;

/**
 * Products on one conveyor: they enter at the start when the upstream station counts one out,
 * ride to the end and queue there (visible WIP) until the downstream station counts one done.
 */
export class ConveyorLane {
  readonly length: number;
  /** Distance of each item along the lane, the one nearest the end first. */
  readonly items: number[] = [];
  private readonly pitch: number;

  constructor(
    readonly from: string,
    readonly to: string,
    readonly points: readonly P3[],
    readonly capacity: number,
  ) {
    this.length = polylineLength(points);
    this.pitch = capacity > 0 ? Math.min(ITEM_PITCH_M, this.length / capacity) : ITEM_PITCH_M;
  }

  /** False when the lane is full: the upstream station would be blocked, and nothing is drawn. */
  add(): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(0);
    return true;
  }

  take(): void {
    this.items.shift();
  }

  /** Items move at belt speed but never closer than one pitch to the item ahead. */
  advance(dt: number): void {
    let limit = this.length;
    for (let i = 0; i < this.items.length; i++) {
      const next = Math.min(limit, (this.items[i] as number) + SPEED_M_PER_S * dt);
      this.items[i] = Math.max(this.items[i] as number, next);
      limit = (this.items[i] as number) - this.pitch;
    }
  }

  /** How far the first item is along, 0 when empty: the lane that waited longest feeds first. */
  headProgress(): number {
    return this.items.length ? (this.items[0] as number) / (this.length || 1) : -1;
  }
}

/** All lanes of a plant, driven by per-station output counts. */
export class FlowNetwork {
  private readonly outgoing = new Map<string, ConveyorLane[]>();
  private readonly incoming = new Map<string, ConveyorLane[]>();
  private readonly roundRobin = new Map<string, number>();

  constructor(readonly lanes: readonly ConveyorLane[]) {
    for (const lane of lanes) {
      this.outgoing.set(lane.from, [...(this.outgoing.get(lane.from) ?? []), lane]);
      this.incoming.set(lane.to, [...(this.incoming.get(lane.to) ?? []), lane]);
    }
  }

  /** `n` units finished at a station: they leave on its conveyors in turn. */
  produced(station: string, n: number): void {
    const outs = this.outgoing.get(station);
    if (!outs?.length) return;
    for (let k = 0; k < n; k++) {
      const i = this.roundRobin.get(station) ?? 0;
      this.roundRobin.set(station, (i + 1) % outs.length);
      (outs[i] as ConveyorLane).add();
    }
  }

  /** `n` units finished at a station: each consumed one unit from the lane whose head waited longest. */
  consumed(station: string, n: number): void {
    const ins = this.incoming.get(station);
    if (!ins?.length) return;
    for (let k = 0; k < n; k++) {
      let best: ConveyorLane | undefined;
      for (const lane of ins) if (lane.items.length && (!best || lane.headProgress() > best.headProgress())) best = lane;
      best?.take();
    }
  }

  advance(dt: number): void {
    for (const lane of this.lanes) lane.advance(dt);
  }

  wipInto(station: string): number {
    return (this.incoming.get(station) ?? []).reduce((n, l) => n + l.items.length, 0);
  }
}
