interface Scheduled {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * Future events in simulated time, earliest first; events at the same instant run in the order
 * they were scheduled, which keeps a seeded run identical from run to run.
 */
export class EventQueue {
  private readonly heap: Scheduled[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** When the next event is due; Infinity when none is. */
  peekTime(): number {
    return this.heap[0]?.at ?? Infinity;
  }

  schedule(at: number, run: () => void): void {
    this.heap.push({ at, seq: this.seq++, run });
    this.up(this.heap.length - 1);
  }

  /** Removes and returns the earliest event. */
  pop(): (() => void) | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop() as Scheduled;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top.run;
  }

  private before(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i] as Scheduled, h[parent] as Scheduled)) return;
      [h[i], h[parent]] = [h[parent] as Scheduled, h[i] as Scheduled];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < h.length && this.before(h[l] as Scheduled, h[best] as Scheduled)) best = l;
      if (r < h.length && this.before(h[r] as Scheduled, h[best] as Scheduled)) best = r;
      if (best === i) return;
      [h[i], h[best]] = [h[best] as Scheduled, h[i] as Scheduled];
      i = best;
    }
  }
}
