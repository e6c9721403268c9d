/** How long the app has run and how often a display had to be restarted: `/api/health` `watchdog`. */
export interface WatchdogFigures {
  uptimeSeconds: number;
  startedAt: string;
  rendererRestarts: number;
  lastRendererRestart?: { at: string; reason: string };
}

/**
 * The 24/7 figures of one running app. The desktop shell reports each renderer it reloads; the
 * engine is not part of that (it never restarts with a window). Uptime is monotonic, so a clock
 * change on the PC does not bend it.
 */
export class Watchdog {
  private readonly startedMono: number;
  private readonly startedAt: Date;
  private restarts = 0;
  private last: { at: string; reason: string } | undefined;

  constructor(
    private readonly monotonicMs: () => number = () => performance.now(),
    private readonly wall: () => Date = () => new Date(),
  ) {
    this.startedMono = monotonicMs();
    this.startedAt = wall();
  }

  rendererRestarted(reason: string): void {
    this.restarts += 1;
    this.last = { at: this.wall().toISOString(), reason };
  }

  figures(): WatchdogFigures {
    return {
      uptimeSeconds: Math.floor((this.monotonicMs() - this.startedMono) / 1000),
      startedAt: this.startedAt.toISOString(),
      rendererRestarts: this.restarts,
      ...(this.last ? { lastRendererRestart: this.last } : {}),
    };
  }
}
