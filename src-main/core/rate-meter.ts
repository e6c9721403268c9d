/** Events per second over the last few whole seconds of the pipeline clock. */
export class RateMeter {
  private readonly buckets: number[];
  private bucketSecond = -1;

  constructor(private readonly windowSeconds = 5) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
  }

  add(nowMs: number, count = 1): void {
    this.roll(nowMs);
    const idx = this.bucketSecond % this.windowSeconds;
    this.buckets[idx] = (this.buckets[idx] ?? 0) + count;
  }

  perSecond(nowMs: number): number {
    this.roll(nowMs);
    // The current second is partial; average over the completed ones.
    const current = this.buckets[this.bucketSecond % this.windowSeconds] ?? 0;
    let sum = 0;
    for (const b of this.buckets) sum += b;
    return Math.round((sum - current) / (this.windowSeconds - 1));
  }

  keyframe(): { buckets: number[]; bucketSecond: number } {
    return { buckets: [...this.buckets], bucketSecond: this.bucketSecond };
  }

  restore(kf: { buckets: number[]; bucketSecond: number }): void {
    for (let i = 0; i < this.windowSeconds; i += 1) this.buckets[i] = kf.buckets[i] ?? 0;
    this.bucketSecond = kf.bucketSecond;
  }

  private roll(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (this.bucketSecond < 0 || second - this.bucketSecond >= this.windowSeconds || second < this.bucketSecond) {
      this.buckets.fill(0);
      this.bucketSecond = second;
      return;
    }
    while (this.bucketSecond < second) {
      this.bucketSecond += 1;
      this.buckets[this.bucketSecond % this.windowSeconds] = 0;
    }
  }
}
