import { describe, expect, it } from 'vitest';
import { RendererRecovery, RendererWatch, type RecoveryDecision, type Timers } from '../../src-main/electron/renderer-recovery';

const LIMITS = { windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000, hangGraceMs: 5_000 };

/** A clock and timers the test moves by hand. */
function fakeTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  return {
    now: () => now,
    set(fn, ms) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => (t.live = false);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.live = false;
        due.fn();
      }
      timers = timers.filter((t) => t.live);
      now = end;
    },
  };
}

describe('renderer crash and hang policy', () => {
  it('reloads at once after a first crash, then backs off doubling up to the limit in a crash loop', () => {
    const policy = new RendererRecovery(LIMITS);
    const delays = [0, 1, 2, 3, 4, 5, 6].map((i) => policy.onFailure({ kind: 'gone', reason: 'crashed' }, i * 100)!.delayMs);
    expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(policy.restarts).toBe(7);
  });

  it('forgives failures older than its window', () => {
    const policy = new RendererRecovery(LIMITS);
    policy.onFailure({ kind: 'gone', reason: 'oom' }, 0);
    policy.onFailure({ kind: 'gone', reason: 'oom' }, 1_000);
    const later = policy.onFailure({ kind: 'gone', reason: 'oom' }, 120_000)!;
    expect(later).toMatchObject({ delayMs: 0, recent: 1, restarts: 3, reason: 'render process gone (oom)' });
  });

  it('does not count a clean exit (the window closing) as a failure', () => {
    const policy = new RendererRecovery(LIMITS);
    expect(policy.onFailure({ kind: 'gone', reason: 'clean-exit' }, 0)).toBeUndefined();
    expect(policy.restarts).toBe(0);
  });

  it('reloads a crashed page after the delay, once, and reports the restart', () => {
    const timers = fakeTimers();
    let reloads = 0;
    const restarts: RecoveryDecision[] = [];
    const watch = new RendererWatch({ reload: () => reloads++, isDestroyed: () => false }, new RendererRecovery(LIMITS), timers, (d) => restarts.push(d));
    watch.gone('crashed');
    watch.gone('crashed');
    timers.advance(0);
    expect(reloads).toBe(1);
    watch.gone('killed');
    timers.advance(999);
    expect(reloads).toBe(1);
    timers.advance(1);
    expect(reloads).toBe(2);
    expect(restarts.map((d) => d.restarts)).toEqual([1, 2]);
  });

  it('reloads a hung page only when the hang outlasts the grace time', () => {
    const timers = fakeTimers();
    let reloads = 0;
    const watch = new RendererWatch({ reload: () => reloads++, isDestroyed: () => false }, new RendererRecovery(LIMITS), timers, () => undefined);
    watch.unresponsive();
    timers.advance(4_000);
    watch.responsive();
    timers.advance(10_000);
    expect(reloads).toBe(0);
    watch.unresponsive();
    watch.unresponsive();
    timers.advance(5_000);
    expect(reloads).toBe(1);
  });

  it('does not reload a window that is gone, nor after dispose', () => {
    const timers = fakeTimers();
    let reloads = 0;
    let destroyed = false;
    const watch = new RendererWatch({ reload: () => reloads++, isDestroyed: () => destroyed }, new RendererRecovery(LIMITS), timers, () => undefined);
    watch.gone('crashed');
    destroyed = true;
    timers.advance(0);
    watch.gone('crashed');
    watch.dispose();
    destroyed = false;
    timers.advance(10_000);
    expect(reloads).toBe(0);
  });
});
