/**
 * The time every computation in the pipeline uses (KPI windows, alarm delays, staleness).
 * Live data runs on the wall clock; a replay runs on the recording's clock, so the same
 * messages give the same alarms and KPIs at any replay speed.
 */
export interface Clock {
  now(): number;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock moved by its owner: replays and tests. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Simulated time while a prefill drives it, then the wall clock: the demo starts with the
 * shift's history already in the engine, each message at its simulated time.
 */
export class PrefillClock implements Clock {
  private held: number | undefined;

  constructor(
    private readonly live: Clock,
    start: number,
  ) {
    this.held = start;
  }

  now(): number {
    return this.held ?? this.live.now();
  }

  get prefilling(): boolean {
    return this.held !== undefined;
  }

  /** Moves the held time forward (never back); ignored once released. */
  set(ms: number): void {
    if (this.held !== undefined) this.held = Math.max(this.held, ms);
  }

  /** From now on the clock is the live one. */
  release(): void {
    this.held = undefined;
  }
}
