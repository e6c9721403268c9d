import type { AlarmRuleSpec } from '../../shared/plant-schema';

export type LimitLevel = 'HH' | 'H' | 'L' | 'LL';

export const LIMIT_LEVELS: ReadonlyArray<{ level: LimitLevel; key: 'hh' | 'h' | 'l' | 'll'; high: boolean }> = [
  { level: 'HH', key: 'hh', high: true },
  { level: 'H', key: 'h', high: true },
  { level: 'L', key: 'l', high: false },
  { level: 'LL', key: 'll', high: false },
];

/** A limit's state as an engine keyframe holds it. */
export interface LimitKeyframe {
  inCondition: boolean;
  active: boolean;
  pendingAt: number | null;
  lastValue: number;
}

export type LimitChange = { kind: 'activate' | 'clear'; at: number; value: number };

/**
 * One limit of one rule on one station: deadband against chattering around the limit, and
 * on/off delays so a brief excursion raises nothing and a brief return clears nothing. The
 * condition is sampled when the metric arrives; delays end on timers, at their exact time, so
 * the result does not depend on how often the clock is ticked.
 */
export class LimitEvaluator {
  /** The condition with deadband, as last sampled. */
  private inCondition = false;
  /** The alarm's view of the condition, after delays. */
  private active = false;
  private pendingAt: number | undefined;
  private lastValue = 0;

  constructor(
    private readonly limit: number,
    private readonly high: boolean,
    private readonly rule: Pick<AlarmRuleSpec, 'deadband' | 'onDelaySeconds' | 'offDelaySeconds'>,
  ) {}

  get due(): number {
    return this.pendingAt ?? Infinity;
  }

  /** A new sample at `at`; returns a change when no delay applies. */
  sample(value: number, at: number): LimitChange | undefined {
    this.lastValue = value;
    const db = this.rule.deadband;
    this.inCondition = this.high
      ? this.inCondition ? value > this.limit - db : value > this.limit
      : this.inCondition ? value < this.limit + db : value < this.limit;
    if (this.inCondition === this.active) {
      this.pendingAt = undefined;
      return undefined;
    }
    if (this.pendingAt !== undefined) return undefined;
    const delayMs = (this.active ? this.rule.offDelaySeconds : this.rule.onDelaySeconds) * 1000;
    if (delayMs === 0) return this.flip(at);
    this.pendingAt = at + delayMs;
    return undefined;
  }

  /** The delay that ran out at `due`. */
  fire(): LimitChange | undefined {
    const at = this.pendingAt;
    if (at === undefined) return undefined;
    return this.flip(at);
  }

  keyframe(): LimitKeyframe {
    return { inCondition: this.inCondition, active: this.active, pendingAt: this.pendingAt ?? null, lastValue: this.lastValue };
  }

  restore(kf: LimitKeyframe): void {
    this.inCondition = kf.inCondition;
    this.active = kf.active;
    this.pendingAt = kf.pendingAt ?? undefined;
    this.lastValue = kf.lastValue;
  }

  private flip(at: number): LimitChange {
    this.pendingAt = undefined;
    this.active = !this.active;
    return { kind: this.active ? 'activate' : 'clear', at, value: this.lastValue };
  }
}
