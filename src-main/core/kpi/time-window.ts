import { fromJsonColumn, toJsonColumn, type JsonColumn } from '../keyframe-json';

/** A window as an engine keyframe holds it: its samples, oldest first (thousands at a high rate, so delta-coded where exact). */
export interface TimeWindowKeyframe {
  times: JsonColumn;
  values: JsonColumn;
}

/**
 * Timestamped amounts in time order, kept for a fixed span and a fixed count: a rolling sum
 * without a per-sample allocation. Samples past the count limit are dropped and counted.
 */
export class TimeWindow {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;

  constructor(
    private readonly spanMs: number,
    private readonly maxSamples: number,
    private readonly onDrop: () => void,
  ) {}

  add(t: number, value: number): void {
    this.prune(t);
    if (this.times.length - this.head >= this.maxSamples) {
      this.head += 1;
      this.onDrop();
    }
    this.times.push(t);
    this.values.push(value);
    this.compact();
  }

  /** Sum of the samples in (now - ms, now]. */
  sumWithin(now: number, ms: number): number {
    return this.within(now, ms).sum;
  }

  /** Sum and number of the samples in (now - ms, now]. */
  within(now: number, ms: number): { sum: number; samples: number } {
    this.prune(now);
    let sum = 0;
    let samples = 0;
    for (let i = this.times.length - 1; i >= this.head; i--) {
      if ((this.times[i] ?? 0) <= now - ms) break;
      sum += this.values[i] ?? 0;
      samples += 1;
    }
    return { sum, samples };
  }

  keyframe(): TimeWindowKeyframe {
    return { times: toJsonColumn(this.times.slice(this.head)), values: toJsonColumn(this.values.slice(this.head)) };
  }

  restore(kf: TimeWindowKeyframe): void {
    this.times = fromJsonColumn(kf.times);
    this.values = fromJsonColumn(kf.values);
    this.head = 0;
  }

  private prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.spanMs) this.head += 1;
    this.compact();
  }

  private compact(): void {
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}
