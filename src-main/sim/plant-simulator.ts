import type { PlantFile, StationSpec } from '../shared/plant-schema';
import type { StationState } from '../shared/station-state';
import type { PublishTarget } from './publish-target';
import { Rng } from './rng';

interface SimStation {
  spec: StationSpec;
  line: string;
  state: StationState;
  nextCycleAt: number;
  repairAt: number;
  good: number;
  reject: number;
  metrics: Record<string, number>;
}

const FAULT_PROBABILITY_PER_CYCLE = 0.004;
const REJECT_PROBABILITY = 0.02;
const METRICS_PERIOD_MS = 1000;

/**
 * Publishes UNS JSON for every station of a plant in simulated time: cycles at the station's
 * ideal cycle time with scatter, occasional faults with repair, good/reject totals and a few
 * process values. Deterministic for a seed.
 */
export class PlantSimulator {
  private readonly stations: SimStation[] = [];
  private readonly rng: Rng;
  private readonly prefix: string;
  private nextMetricsAt: number;

  constructor(
    readonly plant: PlantFile,
    private readonly target: PublishTarget,
    opts: { seed: number; start: number },
  ) {
    this.rng = new Rng(opts.seed);
    this.prefix = plant.uns.prefix.replace(/\/+$/, '');
    this.nextMetricsAt = opts.start;
    for (const line of plant.lines) {
      for (const spec of line.stations) {
        this.stations.push({
          spec,
          line: line.id,
          state: 'RUNNING',
          nextCycleAt: opts.start + this.cycleMs(spec),
          repairAt: 0,
          good: 0,
          reject: 0,
          metrics: { cycleTimeS: spec.idealCycleSeconds },
        });
      }
    }
  }

  /** Publishes the retained states: what a newly joined client sees first. */
  begin(now: number): void {
    for (const s of this.stations) this.publishState(s, now);
  }

  /** Advances simulated time to `now`, publishing everything that happened on the way. */
  advanceTo(now: number): void {
    for (const s of this.stations) {
      if (s.state === 'FAULT') {
        if (now < s.repairAt) continue;
        s.state = 'RUNNING';
        s.nextCycleAt = s.repairAt + this.cycleMs(s.spec);
        this.publishState(s, s.repairAt);
      }
      while (s.state === 'RUNNING' && s.nextCycleAt <= now) {
        const at = s.nextCycleAt;
        if (this.rng.next() < REJECT_PROBABILITY) s.reject += 1;
        else s.good += 1;
        s.metrics.cycleTimeS = Math.round(this.cycleMs(s.spec) / 100) / 10;
        this.send(s, 'count', { ts: at, good: s.good, reject: s.reject }, false);
        if (this.rng.next() < FAULT_PROBABILITY_PER_CYCLE) {
          s.state = 'FAULT';
          s.repairAt = at + this.rng.exponential(120_000);
          this.publishState(s, at, 'jam');
        } else {
          s.nextCycleAt = at + this.cycleMs(s.spec);
        }
      }
    }
    while (this.nextMetricsAt <= now) {
      for (const s of this.stations) {
        s.metrics.loadPct = Math.round(this.rng.between(60, 95));
        this.send(s, 'metrics', { ts: this.nextMetricsAt, values: s.metrics }, false);
      }
      this.nextMetricsAt += METRICS_PERIOD_MS;
    }
  }

  private cycleMs(spec: StationSpec): number {
    return spec.idealCycleSeconds * 1000 * this.rng.between(1.0, 1.25);
  }

  private publishState(s: SimStation, ts: number, reason?: string): void {
    this.send(s, 'state', { ts, state: s.state, ...(reason ? { reason } : {}) }, true);
  }

  private send(s: SimStation, channel: string, body: object, retain: boolean): void {
    this.target.publish(`${this.prefix}/${s.line}/${s.spec.id}/${channel}`, JSON.stringify(body), { retain, qos: 0 });
  }
}
