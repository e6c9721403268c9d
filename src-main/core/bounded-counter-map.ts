/**
 * Counts per key with a fixed number of keys; keys past the limit are folded into one
 * overflow bucket so a topic flood cannot grow memory.
 */
export class BoundedCounterMap {
  private readonly counts = new Map<string, number>();
  private overflowCount = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly overflowKey = '(other)',
  ) {}

  add(key: string, by = 1): void {
    const current = this.counts.get(key);
    if (current !== undefined) {
      this.counts.set(key, current + by);
    } else if (this.counts.size < this.maxKeys) {
      this.counts.set(key, by);
    } else {
      this.overflowCount += by;
    }
  }

  get size(): number {
    return this.counts.size + (this.overflowCount > 0 ? 1 : 0);
  }

  get total(): number {
    let sum = this.overflowCount;
    for (const v of this.counts.values()) sum += v;
    return sum;
  }

  toRecord(): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(this.counts);
    if (this.overflowCount > 0) out[this.overflowKey] = this.overflowCount;
    return out;
  }

  /** Back to counts a keyframe holds (see `toRecord`); past the key limit they fold into the overflow bucket. */
  restore(record: Record<string, number>): void {
    this.counts.clear();
    this.overflowCount = 0;
    for (const [key, n] of Object.entries(record)) {
      if (key === this.overflowKey) this.overflowCount += n;
      else this.add(key, n);
    }
  }
}
