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
