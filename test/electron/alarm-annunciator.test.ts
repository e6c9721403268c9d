import { describe, expect, it } from 'vitest';
import { AlarmAnnunciator, worstPriority } from '../../src-main/electron/alarm-annunciator';
import type { AlarmView } from '../../src-main/shared/views';

const alarm = (id: string, priority: 1 | 2 | 3 | 4, state: AlarmView['state'] = 'UNACK_ACTIVE'): AlarmView => ({ id, station: `st-${id}`, priority, state, text: id, activeSince: 0 });

describe('native alarm notifications and the tray priority', () => {
  it('takes the first list as known, then announces only new priority 1–2 alarms, most urgent first', () => {
    const a = new AlarmAnnunciator();
    expect(a.next([alarm('old', 1)])).toEqual([]);
    const fresh = a.next([alarm('old', 1), alarm('p3', 3), alarm('p2', 2), alarm('p1', 1)]);
    expect(fresh.map((x) => x.id)).toEqual(['p1', 'p2']);
    expect(a.next([alarm('old', 1), alarm('p2', 2), alarm('p1', 1)])).toEqual([]);
  });

  it('announces an alarm again once it was acknowledged or cleared and comes back, and forgets on reset', () => {
    const a = new AlarmAnnunciator();
    a.next([]);
    expect(a.next([alarm('x', 2)])).toHaveLength(1);
    expect(a.next([alarm('x', 2, 'ACK_ACTIVE')])).toEqual([]);
    expect(a.next([alarm('x', 2)])).toHaveLength(1);
    a.reset();
    expect(a.next([alarm('y', 1)])).toEqual([]);
  });

  it('shows the worst priority of standing alarms; shelved and cleared ones do not count', () => {
    expect(worstPriority([])).toBe(0);
    expect(worstPriority([alarm('a', 3), alarm('b', 2, 'ACK_ACTIVE'), alarm('c', 1, 'SHELVED'), alarm('d', 1, 'NORMAL')])).toBe(2);
    expect(worstPriority([alarm('a', 4, 'RTN_UNACK')])).toBe(4);
  });
});
