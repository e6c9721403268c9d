import { describe, expect, it } from 'vitest';
import type { AlarmView } from '../../src-main/shared/views';
import { actionName, alarmLine, alarmParts, bannerAlarm, filterAlarms, newActivations, sortAlarms } from './alarm-list-model';

const alarm = (id: string, over: Partial<AlarmView>): AlarmView => ({ id, station: 'S', priority: 3, state: 'UNACK_ACTIVE', text: id, activeSince: 0, line: 'L1', ...over });

const list = [
  alarm('a', { priority: 2, activeSince: 10, state: 'ACK_ACTIVE', station: 'B' }),
  alarm('b', { priority: 1, activeSince: 5, state: 'RTN_UNACK', line: 'L2', station: 'A' }),
  alarm('c', { priority: 1, activeSince: 20, station: 'C' }),
  alarm('d', { priority: 4, activeSince: 30, state: 'SHELVED' }),
  alarm('e', { priority: 1, activeSince: 1, station: '', line: '' }),
];

describe('alarm list model', () => {
  it('filters by line (plant-wide alarms under ""), priority and state', () => {
    expect(filterAlarms(list, { line: 'L1' }).map((a) => a.id)).toEqual(['a', 'c', 'd']);
    expect(filterAlarms(list, { line: '' }).map((a) => a.id)).toEqual(['e']);
    expect(filterAlarms(list, { priority: 1, state: 'UNACK_ACTIVE' }).map((a) => a.id)).toEqual(['c', 'e']);
  });

  it('sorts by any column, ties by priority then newest', () => {
    expect(sortAlarms(list, 'priority', false).map((a) => a.id)).toEqual(['c', 'b', 'e', 'a', 'd']);
    expect(sortAlarms(list, 'time', true).map((a) => a.id)).toEqual(['d', 'c', 'a', 'b', 'e']);
    expect(sortAlarms(list, 'station', false).map((a) => a.id)).toEqual(['e', 'b', 'a', 'c', 'd']);
    expect(sortAlarms(list, 'state', false).map((a) => a.id)).toEqual(['c', 'e', 'b', 'a', 'd']);
  });

  it('the banner shows the newest of the highest-priority unacknowledged alarms', () => {
    expect(bannerAlarm(list)?.id).toBe('c');
    expect(bannerAlarm(list.filter((a) => a.id !== 'c'))?.id).toBe('b');
    expect(bannerAlarm([list[0] as AlarmView])).toBeUndefined();
  });

  it('annunciates each activation once, and forgets what is no longer listed', () => {
    const first = newActivations(list, new Set());
    expect(first.fresh.map((a) => a.id)).toEqual(['c', 'e']);
    const again = newActivations(list, first.seen);
    expect(again.fresh).toEqual([]);
    const reactivated = newActivations([alarm('c', { priority: 1, activeSince: 99 })], again.seen);
    expect(reactivated.fresh.map((a) => a.activeSince)).toEqual([99]);
    expect([...reactivated.seen]).toEqual(['c@99']);
  });

  it('renders alarm texts in the UI language, the machine’s untranslated words quoted and marked', () => {
    const fault = alarm('A:machine/MAIN_DRIVE_TRIP', {
      text: 'Equipment fault: Main drive overload trip',
      message: { kind: 'message', key: 'faultCause', detail: { kind: 'plant', zh: '主驱动过载跳闸', en: 'Main drive overload trip' } },
    });
    const comm = alarm('A:COMM', { text: 'Communication lost: no data', message: { kind: 'message', key: 'commLost', detail: { kind: 'message', key: 'noData' } } });
    const raw = alarm('A:FAULT', { text: 'Equipment fault: jam', message: { kind: 'message', key: 'faultCause', detail: { kind: 'machine', text: 'jam' } } });
    expect(alarmLine(fault, 'zh')).toBe('设备故障：主驱动过载跳闸');
    expect(alarmLine(fault, 'en')).toBe('Equipment fault: Main drive overload trip');
    expect(alarmLine(comm, 'zh')).toBe('通信中断：无数据');
    expect(alarmLine(raw, 'zh')).toBe('设备故障：“jam”');
    expect(alarmLine(raw, 'en')).toBe('Equipment fault: "jam"');
    expect(alarmParts(raw, 'zh').filter((p) => p.machine)).toEqual([{ text: 'jam', machine: true }]);
    // A view without the structured message (an older host) shows its text as untranslated.
    expect(alarmParts(alarm('x', { text: 'Film roll empty' }), 'zh')).toEqual([{ text: 'Film roll empty', machine: true }]);
  });

  it('names operator actions in the UI language', () => {
    expect(['ack', 'shelve', 'unshelve', 'out-of-service', 'in-service'].map((a) => actionName(a, 'zh'))).toEqual(['已确认', '已搁置', '已取消搁置', '已停用', '已恢复投用']);
    expect(actionName('ack', 'en')).toBe('acknowledged');
  });
});
