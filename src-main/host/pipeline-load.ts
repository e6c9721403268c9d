import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** The engine's thread busier than this over a sample is saturated; below `HEADROOM` it has room again. */
const SATURATED = 0.85;
const HEADROOM = 0.6;
const SAMPLE_MS = 250;

/**
 * Whether the engine's thread (the app's event loop, where every message is applied) is
 * saturated, from its event-loop utilisation. Two thresholds, so a load near one does not flap.
 */
export class PipelineLoad {
  private saturated = false;
  private last: EventLoopUtilization | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onChange: (saturated: boolean) => void) {}

  get isSaturated(): boolean {
    return this.saturated;
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.eventLoopUtilization();
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      this.sample(performance.eventLoopUtilization(now, this.last).utilization);
      this.last = now;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sample's share of time busy, 0–1. */
  sample(utilization: number): void {
    const saturated = this.saturated ? utilization >= HEADROOM : utilization > SATURATED;
    if (saturated === this.saturated) return;
    this.saturated = saturated;
    this.onChange(saturated);
  }
}
