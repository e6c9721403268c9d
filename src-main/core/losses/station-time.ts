import type { LossCategory } from '../../shared/losses';
import type { StopWindow } from '../kpi/shift-stops';
import type { StateInterval } from './shift-log';

/** How a stretch of one station's time counts: running, or a loss (or planned stop) of a kind. */
export type TimeClass = 'run' | Exclude<LossCategory, 'performance' | 'quality'>;

export interface ClassifiedInterval {
  start: number;
  end: number;
  cls: TimeClass;
  reason: string;
}

const CLASS_OF_STATE = {
  RUNNING: 'run',
  FAULT: 'fault',
  MAINTENANCE: 'maintenance',
  STARVED: 'starved',
  BLOCKED: 'blocked',
  IDLE: 'idle',
  OFFLINE: 'no-data',
} as const satisfies Record<StateInterval['state'], TimeClass>;

/** A station that is neither running nor waiting on a neighbour: a cause in itself. */
export type DownClass = Exclude<TimeClass, 'run' | 'starved' | 'blocked'>;

/** Causes a station can be charged with itself: it was down, not waiting on a neighbour. */
export const DOWN_CLASSES: ReadonlySet<TimeClass> = new Set(['fault', 'maintenance', 'idle', 'no-data', 'planned']);

/**
 * A station's states split at the calendar's planned stops. Inside a planned stop, a station
 * that is not running is on that stop (a break, no shift, a maintenance window) whatever state it
 * reports; one that runs through it (a press curing over the meal break) is producing, and that
 * time is planned production time like any other.
 */
export function classify(intervals: StateInterval[], stops: StopWindow[]): ClassifiedInterval[] {
  const out: ClassifiedInterval[] = [];
  const push = (start: number, end: number, cls: TimeClass, reason: string): void => {
    if (end <= start) return;
    const prev = out[out.length - 1];
    if (prev && prev.cls === cls && prev.reason === reason && prev.end === start) prev.end = end;
    else out.push({ start, end, cls, reason });
  };
  let w = 0;
  for (const iv of intervals) {
    const own = CLASS_OF_STATE[iv.state];
    // Starved and blocked reasons name the neighbour waited on: the attribution says that better.
    const reason = own === 'fault' || own === 'maintenance' || own === 'idle' ? iv.reason : '';
    if (own === 'run') {
      push(iv.start, iv.end, 'run', '');
      continue;
    }
    while (w < stops.length && (stops[w] as StopWindow).end <= iv.start) w += 1;
    let t = iv.start;
    for (let k = w; k < stops.length && t < iv.end; k += 1) {
      const stop = stops[k] as StopWindow;
      if (stop.start >= iv.end) break;
      if (stop.end <= t) continue;
      push(t, Math.min(iv.end, stop.start), own, reason);
      const stopEnd = Math.min(iv.end, stop.end);
      push(Math.max(t, stop.start), stopEnd, 'planned', stop.kind);
      t = Math.max(t, stopEnd);
    }
    push(t, iv.end, own, reason);
  }
  return out;
}
