/** Why a window's renderer is reloaded: its process went away, or its thread stopped answering. */
export type RendererFailure = { kind: 'gone'; reason: string } | { kind: 'unresponsive' };

export interface RecoveryLimits {
  /** Failures within this span count towards the backoff; older ones are forgiven. */
  windowMs: number;
  /** Delay before the second reload in a span; it doubles with each further failure. */
  baseDelayMs: number;
  /** The longest wait between reloads: a crash loop slows to this, it never stops trying. */
  maxDelayMs: number;
  /** How long a hang may last before the page is reloaded (a long frame is not a hang). */
  hangGraceMs: number;
}

export const DEFAULT_RECOVERY_LIMITS: RecoveryLimits = { windowMs: 10 * 60_000, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, hangGraceMs: 10_000 };

export interface RecoveryDecision {
  /** Wait this long, then reload. */
  delayMs: number;
  /** Failures within the span, this one included. */
  recent: number;
  /** Reloads since the app started, this one included. */
  restarts: number;
  /** What to log. */
  reason: string;
}

/**
 * The crash and hang policy of one window: the first failure in a while reloads at once, each
 * further one within `windowMs` waits twice as long, up to `maxDelayMs`. A renderer that exits
 * cleanly (its window closing) is not a failure.
 */
export class RendererRecovery {
  private readonly failures: number[] = [];
  private total = 0;

  constructor(private readonly limits: RecoveryLimits = DEFAULT_RECOVERY_LIMITS) {}

  get restarts(): number {
    return this.total;
  }

  get hangGraceMs(): number {
    return this.limits.hangGraceMs;
  }

  onFailure(failure: RendererFailure, now: number): RecoveryDecision | undefined {
    if (failure.kind === 'gone' && failure.reason === 'clean-exit') return undefined;
    while (this.failures.length > 0 && now - this.failures[0]! > this.limits.windowMs) this.failures.shift();
    this.failures.push(now);
    this.total += 1;
    const recent = this.failures.length;
    const delayMs = recent <= 1 ? 0 : Math.min(this.limits.baseDelayMs * 2 ** (recent - 2), this.limits.maxDelayMs);
    return { delayMs, recent, restarts: this.total, reason: failure.kind === 'gone' ? `render process gone (${failure.reason})` : 'renderer unresponsive' };
  }
}

/** A one-shot timer the watch uses; Node's setTimeout in the shell, a fake clock in tests. */
export interface Timers {
  set(fn: () => void, ms: number): () => void;
  now(): number;
}

export interface WatchedPage {
  reload(): void;
  isDestroyed(): boolean;
}

/**
 * Ties the policy to one page: a crash reloads after the policy's delay; a hang reloads only
 * when it outlasts the grace time (`responsive` in between cancels it); a reload already
 * pending is not doubled. The engine lives in the main process, so it runs and records on.
 */
export class RendererWatch {
  private pendingReload: (() => void) | undefined;
  private pendingHang: (() => void) | undefined;

  constructor(
    private readonly page: WatchedPage,
    private readonly policy: RendererRecovery,
    private readonly timers: Timers,
    private readonly onRestart: (decision: RecoveryDecision) => void,
  ) {}

  gone(reason: string): void {
    this.cancelHang();
    this.fail({ kind: 'gone', reason });
  }

  unresponsive(): void {
    if (this.pendingHang || this.pendingReload) return;
    this.pendingHang = this.timers.set(() => {
      this.pendingHang = undefined;
      this.fail({ kind: 'unresponsive' });
    }, this.policy.hangGraceMs);
  }

  responsive(): void {
    this.cancelHang();
  }

  dispose(): void {
    this.cancelHang();
    this.pendingReload?.();
    this.pendingReload = undefined;
  }

  private cancelHang(): void {
    this.pendingHang?.();
    this.pendingHang = undefined;
  }

  private fail(failure: RendererFailure): void {
    if (this.pendingReload) return;
    const decision = this.policy.onFailure(failure, this.timers.now());
    if (!decision) return;
    this.onRestart(decision);
    this.pendingReload = this.timers.set(() => {
      this.pendingReload = undefined;
      if (!this.page.isDestroyed()) this.page.reload();
    }, decision.delayMs);
  }
}
