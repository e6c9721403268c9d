import { describe, expect, it } from 'vitest';
import { AlarmRecord } from './alarm-record';

const make = (): AlarmRecord =>
  new AlarmRecord({ id: 'A:temp.H', station: 'A', line: 'L1', source: 'rule', priority: 2, message: { kind: 'plant', zh: '温度高', en: 'Temperature high' } });

describe('ISA-18.2 alarm state machine', () => {
  it('normal → unack-active on condition', () => {
    const a = make();
    expect(a.state).toBe('NORMAL');
    expect(a.activate(10)).toBe(true);
    expect(a.state).toBe('UNACK_ACTIVE');
    expect(a.activeSince).toBe(10);
  });

  it('unack-active → ack-active on acknowledge, then → normal on return', () => {
    const a = make();
    a.activate(10);
    expect(a.ack(20, 'li.wei')).toBe(true);
    expect(a.state).toBe('ACK_ACTIVE');
    expect(a.lastAction).toEqual({ action: 'ack', by: 'li.wei', at: 20 });
    expect(a.clear(30)).toBe(true);
    expect(a.state).toBe('NORMAL');
  });

  it('unack-active → RTN-unack on return, then → normal on acknowledge', () => {
    const a = make();
    a.activate(10);
    a.clear(20);
    expect(a.state).toBe('RTN_UNACK');
    expect(a.ack(30, 'operator')).toBe(true);
    expect(a.state).toBe('NORMAL');
  });

  it('a new activation needs a new acknowledgement', () => {
    const a = make();
    a.activate(10);
    a.ack(11, 'operator');
    a.clear(12);
    a.activate(13);
    expect(a.state).toBe('UNACK_ACTIVE');
  });

  it('a condition held by two signals is one activation and returns when the last one goes', () => {
    const a = make();
    expect(a.activate(10)).toBe(true);
    expect(a.activate(11, undefined, undefined, 'A:FAULT')).toBe(false);
    expect(a.clear(12)).toBe(false);
    expect(a.state).toBe('UNACK_ACTIVE');
    expect(a.clear(13, undefined, 'other')).toBe(false);
    expect(a.clear(14, undefined, 'A:FAULT')).toBe(true);
    expect(a.state).toBe('RTN_UNACK');
  });

  it('acknowledge does nothing where there is nothing to acknowledge', () => {
    const a = make();
    expect(a.ack(1, 'operator')).toBe(false);
    a.activate(2);
    a.ack(3, 'operator');
    expect(a.ack(4, 'operator')).toBe(false);
    expect(a.lastAction?.at).toBe(3);
  });

  it('shelves from any state and shows the underlying state again when unshelved', () => {
    for (const setup of [
      (_a: AlarmRecord) => undefined,
      (a: AlarmRecord) => a.activate(1),
      (a: AlarmRecord) => (a.activate(1), a.ack(2, 'x')),
      (a: AlarmRecord) => (a.activate(1), a.clear(2)),
    ]) {
      const a = make();
      setup(a);
      const before = a.state;
      a.shelve(1000, 5, 'operator');
      expect(a.state).toBe('SHELVED');
      expect(a.annunciated).toBe(false);
      expect(a.ack(6, 'operator')).toBe(false);
      a.unshelve(1000, 'system');
      expect(a.state).toBe(before);
    }
  });

  it('an alarm that activates while shelved is unacknowledged when unshelved', () => {
    const a = make();
    a.shelve(1000, 0, 'operator');
    a.activate(10);
    expect(a.state).toBe('SHELVED');
    a.unshelve(1000, 'system');
    expect(a.state).toBe('UNACK_ACTIVE');
  });

  it('out of service hides every other state until returned to service', () => {
    const a = make();
    a.activate(1);
    a.shelve(100, 2, 'operator');
    expect(a.setOutOfService(true, 3, 'maint')).toBe(true);
    expect(a.state).toBe('OUT_OF_SERVICE');
    a.unshelve(4, 'operator');
    expect(a.state).toBe('OUT_OF_SERVICE');
    expect(a.setOutOfService(false, 5, 'maint')).toBe(true);
    expect(a.state).toBe('UNACK_ACTIVE');
    expect(a.lastAction).toEqual({ action: 'in-service', by: 'maint', at: 5 });
  });

  it('suppressed by design hides the alarm without operator action', () => {
    const a = make();
    a.activate(1);
    a.setSuppressed(true, 2);
    expect(a.state).toBe('SUPPRESSED');
    a.clear(3);
    a.setSuppressed(false, 4);
    expect(a.state).toBe('RTN_UNACK');
  });

  it('tells chattering: three activations within a minute', () => {
    const a = make();
    for (const t of [0, 20_000]) {
      a.activate(t);
      a.clear(t + 1);
    }
    expect(a.chattering(30_000)).toBe(false);
    a.activate(50_000);
    expect(a.chattering(50_000)).toBe(true);
    expect(a.chattering(60_001)).toBe(false);
  });
});
