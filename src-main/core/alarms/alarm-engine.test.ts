import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN, SEC, T0, feed, fixtureEngine, metric } from '../../../test/support/alarm-fixtures';
import type { Engine } from '../engine';
import { BROKER_ALARM_ID } from './alarm-engine';

const stateOf = (engine: Engine, id: string): string => engine.alarms.view(id)?.state ?? 'NONE';

describe('limit alarms: deadband and delays on the pipeline clock', () => {
  it('raises H only after the on-delay, with the time the delay ended', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, metric('A', T0, { tempC: 95 }));
    clock.set(T0 + 9 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:temp.H')).toBe('NONE');
    clock.set(T0 + 10 * SEC);
    engine.tick();
    expect(engine.alarms.view('A:temp.H')).toMatchObject({ state: 'UNACK_ACTIVE', activeSince: T0 + 10 * SEC, priority: 2, station: 'A', text: 'Temperature high', value: 95 });
  });

  it('an excursion shorter than the on-delay raises nothing', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, metric('A', T0, { tempC: 95 }));
    feed(engine, clock, metric('A', T0 + 5 * SEC, { tempC: 80 }));
    clock.set(T0 + MIN);
    engine.tick();
    expect(stateOf(engine, 'A:temp.H')).toBe('NONE');
  });

  it('holds the alarm inside the deadband and returns only after the off-delay', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, metric('A', T0, { tempC: 95 }));
    feed(engine, clock, metric('A', T0 + 10 * SEC, { tempC: 95 }));
    // 89 is below H = 90 but inside the 2° deadband: still in alarm.
    feed(engine, clock, metric('A', T0 + 20 * SEC, { tempC: 89 }));
    clock.set(T0 + 60 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:temp.H')).toBe('UNACK_ACTIVE');
    feed(engine, clock, metric('A', T0 + 61 * SEC, { tempC: 87.5 }));
    clock.set(T0 + 80 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:temp.H')).toBe('UNACK_ACTIVE');
    clock.set(T0 + 81 * SEC);
    engine.tick();
    expect(engine.alarms.view('A:temp.H')).toMatchObject({ state: 'RTN_UNACK', lastChange: T0 + 81 * SEC });
  });

  it('a brief return within the off-delay clears nothing', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, metric('A', T0, { tempC: 95 }));
    clock.set(T0 + 10 * SEC);
    engine.tick();
    feed(engine, clock, metric('A', T0 + 20 * SEC, { tempC: 80 }));
    feed(engine, clock, metric('A', T0 + 30 * SEC, { tempC: 95 }));
    clock.set(T0 + 5 * MIN);
    engine.tick();
    expect(engine.alarms.view('A:temp.H')).toMatchObject({ state: 'UNACK_ACTIVE', activeSince: T0 + 10 * SEC });
  });

  it('HH and H are separate alarms; a line rule applies to each station of the line', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, metric('A', T0, { tempC: 120, airBar: 3 }));
    feed(engine, clock, metric('B', T0, { airBar: 3.5 }));
    expect(stateOf(engine, 'A:airLow.LL')).toBe('UNACK_ACTIVE');
    expect(stateOf(engine, 'B:airLow.LL')).toBe('UNACK_ACTIVE');
    clock.set(T0 + 10 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:temp.HH')).toBe('UNACK_ACTIVE');
    expect(stateOf(engine, 'A:temp.H')).toBe('UNACK_ACTIVE');
    expect(engine.snapshot().alarms[0]).toMatchObject({ priority: 1 });
  });
});

describe('alarms from machines, faults and loss of data', () => {
  it('machine alarms come and go with the machine', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, { kind: 'alarm', station: 'B', ts: T0, id: 'E42', active: true, priority: 3, text: 'Film roll empty' });
    expect(engine.alarms.view('B:machine/E42')).toMatchObject({ state: 'UNACK_ACTIVE', priority: 3, text: 'Film roll empty', source: 'machine' });
    feed(engine, clock, { kind: 'alarm', station: 'B', ts: T0 + SEC, id: 'E42', active: false, priority: 3 });
    expect(stateOf(engine, 'B:machine/E42')).toBe('RTN_UNACK');
  });

  it('FAULT state raises an equipment alarm; maintenance suppresses process alarms by design', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0, state: 'FAULT', reason: 'jam' });
    expect(engine.alarms.view('A:FAULT')).toMatchObject({
      state: 'UNACK_ACTIVE',
      text: 'Equipment fault: jam',
      message: { kind: 'message', key: 'faultCause', detail: { kind: 'machine', text: 'jam' } },
    });
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0 + SEC, state: 'MAINTENANCE' });
    expect(stateOf(engine, 'A:FAULT')).toBe('RTN_UNACK');
    feed(engine, clock, metric('A', T0 + 2 * SEC, { airBar: 1 }));
    expect(stateOf(engine, 'A:airLow.LL')).toBe('SUPPRESSED');
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0 + 3 * SEC, state: 'RUNNING' });
    expect(stateOf(engine, 'A:airLow.LL')).toBe('UNACK_ACTIVE');
  });

  it('a silent station raises a communication alarm at the moment its data went stale', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 30 });
    feed(engine, clock, metric('A', T0 + 5 * SEC, { tempC: 20 }));
    clock.set(T0 + 2 * MIN);
    engine.tick();
    expect(engine.alarms.view('A:COMM')).toMatchObject({ state: 'UNACK_ACTIVE', activeSince: T0 + 35 * SEC, source: 'comm' });
    // B never reported: stale from the engine's start.
    expect(engine.alarms.view('B:COMM')).toMatchObject({ activeSince: T0 + 30 * SEC });
    feed(engine, clock, metric('A', T0 + 2 * MIN, { tempC: 20 }));
    expect(stateOf(engine, 'A:COMM')).toBe('RTN_UNACK');
    feed(engine, clock, { kind: 'stale', station: 'A', ts: T0 + 2 * MIN + 10 * SEC, reason: 'device death (DDEATH)' });
    expect(engine.alarms.view('A:COMM')).toMatchObject({
      state: 'UNACK_ACTIVE',
      text: 'Communication lost: device offline (DDEATH)',
      message: { kind: 'message', key: 'commLost', detail: { kind: 'message', key: 'deviceDeath' } },
    });
  });

  it('a lost broker is one plant alarm, and the stations’ loss of data is suppressed meanwhile', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 30 });
    const source = { kind: 'live' as const, url: 'mqtt://x', connection: 'connected' as const, connected: true };
    engine.setSource(source);
    feed(engine, clock, metric('A', T0 + SEC, { tempC: 20 }));
    feed(engine, clock, metric('B', T0 + SEC, { airBar: 6 }));
    clock.set(T0 + 10 * SEC);
    engine.setSource({ ...source, connection: 'reconnecting', connected: false });
    expect(engine.alarms.view(BROKER_ALARM_ID)).toMatchObject({ state: 'UNACK_ACTIVE', priority: 1, station: '' });
    clock.set(T0 + MIN);
    engine.tick();
    // Suppressed by design: the broker alarm stands for every station's silence.
    expect(stateOf(engine, 'A:COMM')).toBe('NONE');
    engine.setSource(source);
    expect(stateOf(engine, BROKER_ALARM_ID)).toBe('RTN_UNACK');
    // Held back during the outage, the station's loss is not raised on reconnect: its data gets its own limit first.
    expect(stateOf(engine, 'A:COMM')).toBe('NONE');
    clock.set(T0 + MIN + 29 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:COMM')).toBe('NONE');
    feed(engine, clock, metric('B', T0 + MIN + 29 * SEC, { airBar: 6 }));
    clock.set(T0 + MIN + 40 * SEC);
    engine.tick();
    // A stayed silent for its whole limit after the reconnect: that is its own loss of data.
    expect(engine.alarms.view('A:COMM')).toMatchObject({ state: 'UNACK_ACTIVE', activeSince: T0 + MIN + 30 * SEC });
    expect(stateOf(engine, 'B:COMM')).toBe('NONE');
  });

  it('a 35 s broker outage with every station going stale leaves one alarm to acknowledge: the broker', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 10 });
    const source = { kind: 'live' as const, url: 'mqtt://x', connection: 'connected' as const, connected: true };
    engine.setSource(source);
    feed(engine, clock, metric('A', T0 + SEC, { tempC: 20 }));
    feed(engine, clock, metric('B', T0 + SEC, { airBar: 6 }));
    clock.set(T0 + 5 * SEC);
    engine.setSource({ ...source, connection: 'reconnecting', connected: false });
    for (let s = 6; s <= 40; s++) {
      clock.set(T0 + s * SEC);
      engine.tick();
    }
    expect(engine.snapshot().alarms.map((a) => [a.id, a.state])).toEqual([[BROKER_ALARM_ID, 'UNACK_ACTIVE']]);
    engine.setSource(source);
    feed(engine, clock, metric('A', T0 + 41 * SEC, { tempC: 20 }));
    feed(engine, clock, metric('B', T0 + 41 * SEC, { airBar: 6 }));
    clock.set(T0 + 45 * SEC);
    engine.tick();
    expect(engine.snapshot().alarms.map((a) => [a.id, a.state])).toEqual([[BROKER_ALARM_ID, 'RTN_UNACK']]);
    expect(engine.applyAction({ kind: 'ackAll', by: 'operator' })).toEqual({ ok: true, count: 1 });
    expect(engine.snapshot().alarms).toEqual([]);
  });

  it('a second outage within the grace after a reconnect holds the stations’ loss again', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 10 });
    const source = { kind: 'live' as const, url: 'mqtt://x', connection: 'connected' as const, connected: true };
    const lost = { ...source, connection: 'reconnecting' as const, connected: false };
    engine.setSource(source);
    feed(engine, clock, metric('A', T0 + SEC, { tempC: 20 }));
    feed(engine, clock, metric('B', T0 + SEC, { airBar: 6 }));
    engine.setSource(lost);
    clock.set(T0 + 20 * SEC);
    engine.tick();
    engine.setSource(source);
    clock.set(T0 + 25 * SEC);
    engine.setSource(lost);
    clock.set(T0 + 60 * SEC);
    engine.tick();
    expect(engine.snapshot().alarms.map((a) => a.id)).toEqual([BROKER_ALARM_ID]);
    engine.setSource(source);
    feed(engine, clock, metric('B', T0 + 61 * SEC, { airBar: 6 }));
    clock.set(T0 + 70 * SEC);
    engine.tick();
    expect(engine.alarms.view('A:COMM')).toMatchObject({ state: 'UNACK_ACTIVE', activeSince: T0 + 70 * SEC });
    expect(stateOf(engine, 'B:COMM')).toBe('NONE');
  });

  it('a station already silent before the outage keeps its alarm through it', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 10 });
    const source = { kind: 'live' as const, url: 'mqtt://x', connection: 'connected' as const, connected: true };
    engine.setSource(source);
    feed(engine, clock, metric('B', T0 + 9 * SEC, { airBar: 6 }));
    clock.set(T0 + 15 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:COMM')).toBe('UNACK_ACTIVE');
    engine.setSource({ ...source, connection: 'reconnecting', connected: false });
    clock.set(T0 + 30 * SEC);
    engine.tick();
    expect(stateOf(engine, 'A:COMM')).toBe('SUPPRESSED');
    engine.setSource(source);
    feed(engine, clock, metric('B', T0 + 31 * SEC, { airBar: 6 }));
    expect(stateOf(engine, 'A:COMM')).toBe('UNACK_ACTIVE');
    expect(stateOf(engine, 'B:COMM')).toBe('NONE');
  });
});

describe('one condition, one alarm: a FAULT and the machine alarm that caused it', () => {
  const trip = { kind: 'alarm' as const, station: 'A', id: 'MAIN_DRIVE_TRIP', priority: 2 as const, text: 'Main drive overload trip' };
  const unacked = (engine: Engine) => engine.snapshot().alarms.filter((a) => a.state === 'UNACK_ACTIVE' || a.state === 'RTN_UNACK');

  it('as UNS sends it (alarm, then FAULT naming it): one alarm; one acknowledgement clears it; the journal shows one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-journal-'));
    const { engine, clock } = fixtureEngine({ journalDir: dir });
    feed(engine, clock, { ...trip, ts: T0, active: true });
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0, state: 'FAULT', reason: 'Main drive overload trip' });
    const alarms = engine.snapshot().alarms;
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      state: 'UNACK_ACTIVE',
      priority: 2,
      text: 'Equipment fault: Main drive overload trip',
      message: { kind: 'message', key: 'faultCause', detail: { kind: 'plant', zh: '主驱动过载跳闸', en: 'Main drive overload trip' } },
    });
    // Either name reaches the one alarm: the machine's and the fault's.
    expect(engine.alarms.view('A:FAULT')?.id).toBe(alarms[0]?.id);
    expect(engine.alarms.view('A:machine/MAIN_DRIVE_TRIP')?.id).toBe(alarms[0]?.id);
    expect(engine.applyAction({ kind: 'ack', id: 'A:FAULT', by: 'li' })).toMatchObject({ ok: true, count: 1 });
    expect(unacked(engine)).toEqual([]);
    clock.set(T0 + 10 * MIN);
    feed(engine, clock, { ...trip, ts: T0 + 10 * MIN, active: false });
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0 + 10 * MIN, state: 'RUNNING' });
    expect(engine.snapshot().alarms).toEqual([]);
    const entries = (await engine.journal?.read()) ?? [];
    expect(entries.map((e) => [e.event, e.state])).toEqual([
      ['ACTIVE', 'UNACK_ACTIVE'],
      ['ACK', 'ACK_ACTIVE'],
      ['RETURN', 'NORMAL'],
    ]);
  });

  it('FAULT first, the machine alarm after it: still one alarm, and shelving shelves it', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0, state: 'FAULT', reason: 'Main drive overload trip' });
    feed(engine, clock, { ...trip, ts: T0 + 200, active: true });
    const alarms = engine.snapshot().alarms;
    expect(alarms).toHaveLength(1);
    const id = alarms[0]?.id ?? '';
    expect(engine.applyAction({ kind: 'shelve', id: 'A:machine/MAIN_DRIVE_TRIP', minutes: 5, by: 'li' })).toMatchObject({ ok: true, alarm: { id, state: 'SHELVED' } });
    expect(engine.snapshot().alarms.map((a) => a.state)).toEqual(['SHELVED']);
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0 + MIN, state: 'RUNNING' });
    // The machine still holds its alarm: the condition is not over until both are gone.
    expect(engine.alarms.view(id)?.active).toBe(true);
    feed(engine, clock, { ...trip, ts: T0 + 2 * MIN, active: false });
    expect(engine.alarms.view(id)?.active).toBe(false);
  });

  it('as Sparkplug sends it (alarm metric without text, state without reason): one alarm at the fault’s priority', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, { kind: 'alarm', station: 'A', ts: T0, id: 'MAIN_DRIVE_TRIP', active: true, priority: 3 });
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0 + 50, state: 'FAULT' });
    const alarms = engine.snapshot().alarms;
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ priority: 2, text: 'Equipment fault: Main drive overload trip' });
    expect(engine.applyAction({ kind: 'ackAll', by: 'li' })).toEqual({ ok: true, count: 1 });
    expect(unacked(engine)).toEqual([]);
  });

  it('a machine alarm of another cause stays an alarm of its own', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, { kind: 'alarm', station: 'A', ts: T0, id: 'E42', active: true, priority: 4, text: 'Film roll low' });
    feed(engine, clock, { kind: 'state', station: 'A', ts: T0 + MIN, state: 'FAULT', reason: 'jam' });
    expect(engine.snapshot().alarms.map((a) => a.id).sort()).toEqual(['A:FAULT', 'A:machine/E42']);
    // Long active before a FAULT that names no cause: a standing warning, not the trip.
    const other = fixtureEngine();
    feed(other.engine, other.clock, { kind: 'alarm', station: 'A', ts: T0, id: 'E42', active: true, priority: 4, text: 'Film roll low' });
    feed(other.engine, other.clock, { kind: 'state', station: 'A', ts: T0 + MIN, state: 'FAULT' });
    expect(other.engine.snapshot().alarms.map((a) => a.id).sort()).toEqual(['A:FAULT', 'A:machine/E42']);
  });
});

describe('alarm texts: LineTwin’s own are keys, machine texts translated by the plant file or marked raw', () => {
  it('a machine alarm with a plant-file text carries both languages; one without keeps the machine’s words', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, { ...{ kind: 'alarm' as const, station: 'B', id: 'MAIN_DRIVE_TRIP', priority: 2 as const }, ts: T0, active: true, text: 'Main drive overload trip' });
    feed(engine, clock, { kind: 'alarm', station: 'B', ts: T0, id: 'X9', active: true, priority: 3, text: 'Servo axis 3 following error' });
    expect(engine.alarms.view('B:machine/MAIN_DRIVE_TRIP')).toMatchObject({ text: 'Main drive overload trip', message: { kind: 'plant', zh: '主驱动过载跳闸', en: 'Main drive overload trip' } });
    expect(engine.alarms.view('B:machine/X9')).toMatchObject({ text: 'Servo axis 3 following error', message: { kind: 'machine', text: 'Servo axis 3 following error' } });
  });

  it('loss of data and the broker are LineTwin messages; limit rules carry the plant file’s texts', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 10 });
    engine.setSource({ kind: 'live', url: 'mqtt://x', connection: 'connected', connected: true });
    feed(engine, clock, metric('A', T0, { airBar: 1 }));
    clock.set(T0 + 11 * SEC);
    engine.tick();
    expect(engine.alarms.view('B:COMM')).toMatchObject({ text: 'Communication lost: no data', message: { kind: 'message', key: 'commLost', detail: { kind: 'message', key: 'noData' } } });
    expect(engine.alarms.view('A:airLow.LL')).toMatchObject({ text: 'Air pressure low low', message: { kind: 'plant', zh: '气压过低', en: 'Air pressure low low' } });
    engine.setSource({ kind: 'live', url: 'mqtt://x', connection: 'reconnecting', connected: false });
    expect(engine.alarms.view(BROKER_ALARM_ID)).toMatchObject({ text: 'Broker connection lost', message: { kind: 'message', key: 'brokerLost' } });
  });
});

describe('operator actions', () => {
  it('acknowledge, shelve with auto-unshelve, out of service — each with who and when', () => {
    const { engine, clock } = fixtureEngine();
    const actions: unknown[] = [];
    engine.onAction((a) => actions.push(a));
    feed(engine, clock, metric('A', T0, { airBar: 1 }));
    clock.set(T0 + SEC);
    expect(engine.applyAction({ kind: 'ack', id: 'A:airLow.LL', by: 'zhang' })).toMatchObject({ ok: true, count: 1, alarm: { state: 'ACK_ACTIVE', lastAction: { action: 'ack', by: 'zhang', at: T0 + SEC } } });
    expect(actions).toEqual([{ kind: 'ack', id: 'A:airLow.LL', by: 'zhang', at: T0 + SEC }]);

    expect(engine.applyAction({ kind: 'shelve', id: 'A:airLow.LL', minutes: 5, by: 'zhang' })).toMatchObject({ ok: true, alarm: { state: 'SHELVED', shelvedUntil: T0 + SEC + 5 * MIN } });
    expect(engine.snapshot().alarmLoad?.total).toBe(1);
    clock.set(T0 + SEC + 5 * MIN - 1);
    engine.tick();
    expect(stateOf(engine, 'A:airLow.LL')).toBe('SHELVED');
    clock.set(T0 + 10 * MIN);
    engine.tick();
    expect(engine.alarms.view('A:airLow.LL')).toMatchObject({ state: 'ACK_ACTIVE', lastAction: { action: 'unshelve', by: 'system', at: T0 + SEC + 5 * MIN } });

    expect(engine.applyAction({ kind: 'outOfService', id: 'A:airLow.LL', outOfService: true, by: 'maint' })).toMatchObject({ ok: true, alarm: { state: 'OUT_OF_SERVICE' } });
    feed(engine, clock, metric('A', T0 + 11 * MIN, { airBar: 6 }));
    expect(engine.applyAction({ kind: 'outOfService', id: 'A:airLow.LL', outOfService: false, by: 'maint' })).toMatchObject({ ok: true, alarm: { state: 'NORMAL' } });
    expect(engine.applyAction({ kind: 'ack', id: 'nope', by: 'x' })).toMatchObject({ ok: false, status: 404 });
  });

  it('acknowledge all acknowledges the visible alarms given, or all of them', () => {
    const { engine, clock } = fixtureEngine();
    feed(engine, clock, metric('A', T0, { airBar: 1 }));
    feed(engine, clock, metric('B', T0, { airBar: 1 }));
    feed(engine, clock, { kind: 'state', station: 'B', ts: T0, state: 'FAULT' });
    expect(engine.applyAction({ kind: 'ackAll', ids: ['A:airLow.LL', 'unknown'], by: 'operator' })).toEqual({ ok: true, count: 1 });
    expect(stateOf(engine, 'B:airLow.LL')).toBe('UNACK_ACTIVE');
    expect(engine.applyAction({ kind: 'ackAll', by: 'operator' })).toEqual({ ok: true, count: 2 });
    expect(engine.snapshot().alarms.every((a) => a.state === 'ACK_ACTIVE')).toBe(true);
  });
});

describe('operator load', () => {
  it('flags chattering at the third activation within a minute', () => {
    const { engine, clock } = fixtureEngine();
    for (const s of [0, 10, 20]) {
      feed(engine, clock, metric('A', T0 + s * SEC, { airBar: 1 }));
      expect(engine.alarms.view('A:airLow.LL')?.chattering).toBe(s === 20);
      feed(engine, clock, metric('A', T0 + (s + 1) * SEC, { airBar: 6 }));
    }
    expect(engine.snapshot().alarmLoad).toMatchObject({ chattering: 1 });
    clock.set(T0 + 2 * MIN);
    engine.tick();
    expect(engine.snapshot().alarmLoad).toMatchObject({ chattering: 0 });
  });

  it('an alarm active for more than 24 hours is stale, whether acknowledged or not', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: 30 * 3600 });
    feed(engine, clock, metric('A', T0, { airBar: 1 }));
    engine.applyAction({ kind: 'ack', id: 'A:airLow.LL', by: 'operator' });
    clock.set(T0 + 24 * 60 * MIN);
    engine.tick();
    expect(engine.alarms.view('A:airLow.LL')?.stale).toBe(false);
    expect(engine.snapshot().alarmLoad).toMatchObject({ stale: 0 });
    clock.set(T0 + 24 * 60 * MIN + SEC);
    engine.tick();
    expect(engine.alarms.view('A:airLow.LL')).toMatchObject({ state: 'ACK_ACTIVE', stale: true });
    expect(engine.snapshot().alarmLoad).toMatchObject({ stale: 1 });
    feed(engine, clock, metric('A', T0 + 24 * 60 * MIN + 2 * SEC, { airBar: 6 }));
    expect(engine.snapshot().alarmLoad).toMatchObject({ stale: 0 });
  });

  it('a flood is more than 10 annunciated activations in 10 minutes', () => {
    const { engine, clock } = fixtureEngine();
    for (let i = 0; i < 11; i++) {
      feed(engine, clock, { kind: 'alarm', station: 'B', ts: T0 + i * 30 * SEC, id: `E${i}`, active: true, priority: 4 });
      expect(engine.snapshot().alarmLoad?.flood).toBe(i === 10);
    }
    expect(engine.snapshot().alarmLoad?.activationsLast10Min).toBe(11);
    clock.set(T0 + 10 * MIN);
    engine.tick();
    expect(engine.snapshot().alarmLoad).toMatchObject({ flood: false, activationsLast10Min: 10 });
  });
});

describe('alarm journal', () => {
  it('journals every change with who and when, and exports CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-journal-'));
    const { engine, clock } = fixtureEngine({ journalDir: dir });
    feed(engine, clock, { kind: 'alarm', station: 'B', ts: T0, id: 'E1', active: true, priority: 2, text: '=HYPERLINK("x"), "quoted"' });
    clock.set(T0 + SEC);
    engine.applyAction({ kind: 'ack', id: 'B:machine/E1', by: 'wang fang' });
    const journal = engine.journal;
    if (!journal) throw new Error('journal expected');
    const entries = await journal.read();
    expect(entries.map((e) => [e.event, e.state, e.by])).toEqual([
      ['ACTIVE', 'UNACK_ACTIVE', undefined],
      ['ACK', 'ACK_ACTIVE', 'wang fang'],
    ]);
    const csv = await journal.toCsv();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time,ts,event,id,station,priority,state,by,value,text');
    expect(lines[1]).toBe(`2025-01-06T06:00:00.000Z,${T0},ACTIVE,B:machine/E1,B,2,UNACK_ACTIVE,,,"'=HYPERLINK(""x""), ""quoted"""`);
    expect(lines[2]).toContain(',ACK,B:machine/E1,B,2,ACK_ACTIVE,wang fang,,');
  });
});
