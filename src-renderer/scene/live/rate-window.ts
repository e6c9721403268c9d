const MAX_SAMPLES = 512;

/**
 * Units per hour from monotonic count totals over a sliding window of plant-clock time. A total
 * that goes down is a counter reset (DESIGN.md), so the running offset keeps output positive.
 */
export class RateWindow {
  private readonly t: number[] = [];
  private readonly v: number[] = [];
  private offset = 0;
  private lastRaw: number | undefined;

  constructor(private readonly windowMs: number) {}

  add(clockMs: number, total: number): void {
    if (this.lastRaw !== undefined && total < this.lastRaw) this.offset += this.lastRaw;
    this.lastRaw = total;
    this.t.push(clockMs);
    this.v.push(total + this.offset);
    // Keep one sample older than the window, so the rate spans the whole window.
    while (this.t.length > 2 && ((this.t[1] as number) <= clockMs - this.windowMs || this.t.length > MAX_SAMPLES)) {
      this.t.shift();
      this.v.shift();
    }
  }

  /** Undefined until two samples exist; decays towards zero when nothing more is produced. */
  perHour(nowMs: number): number | undefined {
    if (this.t.length < 2) return undefined;
    const first = this.t[0] as number;
    const span = Math.max(nowMs, this.t[this.t.length - 1] as number) - first;
    if (span <= 0) return undefined;
    const units = (this.v[this.v.length - 1] as number) - (this.v[0] as number);
    return (units / span) * 3_600_000;
  }
}
