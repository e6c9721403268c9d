/**
 * How fast the forecast process may step while the app's pipeline is busy. Lowering the
 * process's priority is not enough: on a small PC two busy cores still share caches and memory
 * (measured here: a forecast beside a saturated pipeline cost it 10–15 % at the lowest
 * priority). So while the app says its pipeline is saturated, the forecast slows to one step
 * (a replication, or a recording batch of a back-test) every `slowStepMs`; it never stops, so
 * a forecast still finishes under a long overload, only later.
 */
export class StepPace {
  private slow = false;
  private lastStep = -Infinity;
  private wake: (() => void) | undefined;

  constructor(
    private readonly slowStepMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The app's word: its pipeline is saturated, or has headroom again (which ends a wait at once). */
  set(slow: boolean): void {
    this.slow = slow;
    if (!slow) this.wake?.();
  }

  /** Before each step: lets the app's word in, then waits out the slow pace if it holds. */
  async beforeStep(): Promise<void> {
    // A macrotask, not a microtask: the parent's messages are delivered between steps.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const wait = this.slow ? this.slowStepMs - (this.now() - this.lastStep) : 0;
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => done(), wait);
        const done = (): void => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
      });
    }
    this.lastStep = this.now();
  }
}
