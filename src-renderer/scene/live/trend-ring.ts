/** Fixed-size ring of the latest samples: a sparkline never grows, however long the app runs. */
export class TrendRing {
  private readonly buf: Float64Array;
  private start = 0;
  private n = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n < this.capacity) {
      this.buf[(this.start + this.n) % this.capacity] = v;
      this.n += 1;
    } else {
      this.buf[this.start] = v;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Oldest first. */
  values(): number[] {
    const out = new Array<number>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.buf[(this.start + i) % this.capacity] as number;
    return out;
  }
}
