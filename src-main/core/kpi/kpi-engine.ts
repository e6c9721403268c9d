import type { PlantFile } from '../../shared/plant-schema';
import type { StationState } from '../../shared/station-state';
import type { LineView } from '../../shared/views';
import type { CountDelta } from '../state/plant-state';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_SAMPLES_PER_LINE = 4096;

interface LineAccumulator {
  /** The line's output station: its last station in the plant file. */
  outputStation: string;
  idealCycleSeconds: number;
  samples: Array<{ ts: number; units: number }>;
  good: number;
  reject: number;
  runningMs: number;
  observedMs: number;
  state: StationState;
  stateAt: number | undefined;
}

/**
 * Line throughput and OEE (ISO 22400-2) from the output station: availability = running time
 * / observed time, performance = ideal cycle × produced / running time, quality = good /
 * produced. Time comes from the pipeline clock only.
 */
export class KpiEngine {
  private readonly lines = new Map<string, LineAccumulator>();
  private readonly byOutputStation = new Map<string, LineAccumulator>();
  droppedSamples = 0;

  constructor(plant: PlantFile) {
    for (const line of plant.lines) {
      const last = line.stations[line.stations.length - 1];
      if (!last) continue;
      const acc: LineAccumulator = {
        outputStation: last.id,
        idealCycleSeconds: last.idealCycleSeconds,
        samples: [],
        good: 0,
        reject: 0,
        runningMs: 0,
        observedMs: 0,
        state: 'OFFLINE',
        stateAt: undefined,
      };
      this.lines.set(line.id, acc);
      this.byOutputStation.set(last.id, acc);
    }
  }

  onCount(delta: CountDelta): void {
    const acc = this.byOutputStation.get(delta.station);
    if (!acc) return;
    acc.good += delta.good;
    acc.reject += delta.reject;
    if (acc.samples.length >= MAX_SAMPLES_PER_LINE) {
      acc.samples.shift();
      this.droppedSamples += 1;
    }
    acc.samples.push({ ts: delta.ts, units: delta.good + delta.reject });
  }

  onState(station: string, state: StationState, now: number): void {
    const acc = this.byOutputStation.get(station);
    if (!acc) return;
    this.accrue(acc, now);
    acc.state = state;
  }

  view(lineId: string, now: number): LineView | undefined {
    const acc = this.lines.get(lineId);
    if (!acc) return undefined;
    this.accrue(acc, now);
    while (acc.samples.length > 0 && (acc.samples[0]?.ts ?? now) < now - WINDOW_MS) acc.samples.shift();
    const units = acc.samples.reduce((s, x) => s + x.units, 0);
    const windowMs = Math.min(WINDOW_MS, Math.max(acc.observedMs, 1));
    const produced = acc.good + acc.reject;
    const availability = acc.observedMs > 0 ? acc.runningMs / acc.observedMs : 0;
    const performance = acc.runningMs > 0 ? Math.min(1, (acc.idealCycleSeconds * 1000 * produced) / acc.runningMs) : 0;
    const quality = produced > 0 ? acc.good / produced : 0;
    return {
      throughputPerHour: Math.round((units * 3_600_000) / windowMs),
      oee: { value: availability * performance * quality, availability, performance, quality },
      good: acc.good,
      reject: acc.reject,
    };
  }

  views(now: number): Record<string, LineView> {
    const out: Record<string, LineView> = {};
    for (const id of this.lines.keys()) {
      const v = this.view(id, now);
      if (v) out[id] = v;
    }
    return out;
  }

  private accrue(acc: LineAccumulator, now: number): void {
    if (acc.stateAt !== undefined && now > acc.stateAt) {
      const dt = now - acc.stateAt;
      if (acc.state !== 'OFFLINE') acc.observedMs += dt;
      if (acc.state === 'RUNNING') acc.runningMs += dt;
    }
    acc.stateAt = now;
  }
}
