import type { AlarmView } from '../shared/views';

/** Unacknowledged alarms that ring (ISA-18.2: only priorities 1 and 2 interrupt). */
const NOTIFY_PRIORITY = 2;

function unacked(a: AlarmView): boolean {
  return a.state === 'UNACK_ACTIVE';
}

/**
 * Which alarms deserve a desktop notification, from the alarm lists of the frames: a priority 1–2
 * alarm newly unacknowledged and active. What is listed in the first list is taken as known (a
 * restart does not ring for old alarms); an alarm that clears and comes back rings again.
 */
export class AlarmAnnunciator {
  private known: Set<string> | undefined;

  next(alarms: readonly AlarmView[]): AlarmView[] {
    const now = new Set(alarms.filter(unacked).map((a) => a.id));
    const first = this.known === undefined;
    const before = this.known ?? now;
    this.known = now;
    if (first) return [];
    return alarms.filter((a) => unacked(a) && a.priority <= NOTIFY_PRIORITY && !before.has(a.id)).sort((a, b) => a.priority - b.priority);
  }

  /** A replay's alarms are history: forget, so going back to live takes its list as known again. */
  reset(): void {
    this.known = undefined;
  }
}

/** The tray shows the worst priority among alarms still active or unacknowledged; 0 when none. */
export function worstPriority(alarms: readonly AlarmView[]): 0 | 1 | 2 | 3 | 4 {
  let worst: 0 | 1 | 2 | 3 | 4 = 0;
  for (const a of alarms) {
    const standing = a.state === 'UNACK_ACTIVE' || a.state === 'ACK_ACTIVE' || a.state === 'RTN_UNACK';
    if (standing && (worst === 0 || a.priority < worst)) worst = a.priority;
  }
  return worst;
}
