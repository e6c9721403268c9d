import { fromJsonColumn, toJsonColumn, type JsonColumn } from '../keyframe-json';

/** A series as an engine keyframe holds it: its columns, oldest row first. */
export type RingSeriesKeyframe = Record<string, JsonColumn>;

/**
 * Rows of numbers in fixed memory: the newest `capacity` rows, allocated once, so a history
 * kept for weeks costs the same on day one and day thirty.
 */
export class RingSeries<K extends string> {
  private readonly columns: Record<K, Float64Array>;
  /** Index of the oldest row. */
  private head = 0;
  private size = 0;

  constructor(
    readonly capacity: number,
    names: readonly K[],
  ) {
    this.columns = Object.fromEntries(names.map((n) => [n, new Float64Array(capacity)])) as Record<K, Float64Array>;
  }

  get length(): number {
    return this.size;
  }

  /** Appends a row; the oldest one makes room once the series is full. */
  push(row: Record<K, number>): void {
    const at = (this.head + this.size) % this.capacity;
    for (const name in this.columns) this.columns[name][at] = row[name];
    if (this.size < this.capacity) this.size += 1;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** Column `name` of row `i`, 0 the oldest; `length - 1` the newest. */
  at(i: number, name: K): number {
    return this.columns[name][(this.head + i) % this.capacity] as number;
  }

  /** One column, oldest first. */
  column(name: K): number[] {
    const out = new Array<number>(this.size);
    for (let i = 0; i < this.size; i += 1) out[i] = this.at(i, name);
    return out;
  }

  keyframe(): RingSeriesKeyframe {
    const out: RingSeriesKeyframe = {};
    for (const name in this.columns) out[name] = toJsonColumn(this.column(name));
    return out;
  }

  /** The rows of a keyframe, in place of these; the newest `capacity` of them when it held more. */
  restore(kf: RingSeriesKeyframe): void {
    const cols = new Map<K, number[]>();
    for (const name in this.columns) cols.set(name, fromJsonColumn(kf[name] ?? { delta: [] }));
    const rows = Math.min(...[...cols.values()].map((c) => c.length));
    const from = Math.max(0, rows - this.capacity);
    for (const [name, values] of cols) this.columns[name].set(values.slice(from, rows));
    this.head = 0;
    this.size = rows - from;
  }

}
