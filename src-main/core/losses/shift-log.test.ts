import { describe, expect, it } from 'vitest';
import { parsePlant } from '../plant/load-plant';
import { ShiftLog } from './shift-log';

const plant = parsePlant(
  {
    id: 'log',
    name: { zh: '日志', en: 'Log' },
    uns: { prefix: 'test/log' },
    lines: [{ id: 'L', name: { zh: '线', en: 'L' }, stations: [{ id: 'S', type: 't', name: { zh: 'S', en: 'S' }, position: [0, 0, 0], idealCycleSeconds: 60 }] }],
  },
  'log.json',
);

describe('the shift log', () => {
  it('turns count totals into output: the first totals are where the counter stood, a decrease is a reset', () => {
    const log = new ShiftLog(plant, 0);
    log.onEvent({ kind: 'count', station: 'S', ts: 10, good: 500, reject: 5 });
    log.onEvent({ kind: 'count', station: 'S', ts: 20, good: 510, reject: 6 });
    log.onEvent({ kind: 'count', station: 'S', ts: 30, good: 3, reject: 0 });
    expect(log.counts('S', 0, 100)).toEqual({ good: 13, reject: 1 });
    expect(log.counts('S', 25, 100)).toEqual({ good: 3, reject: 0 });
  });

  it('gives the states over a range, the first from what held at its start', () => {
    const log = new ShiftLog(plant, 0);
    log.onEvent({ kind: 'state', station: 'S', ts: 100, state: 'RUNNING' });
    log.onEvent({ kind: 'state', station: 'S', ts: 200, state: 'FAULT', reason: 'Jam' });
    log.onEvent({ kind: 'stale', station: 'S', ts: 300, reason: 'no data' });
    expect(log.intervals('S', 50, 400)).toEqual([
      { start: 50, end: 100, state: 'OFFLINE', reason: '' },
      { start: 100, end: 200, state: 'RUNNING', reason: '' },
      { start: 200, end: 300, state: 'FAULT', reason: 'Jam' },
      { start: 300, end: 400, state: 'OFFLINE', reason: 'no data' },
    ]);
  });

  it('takes a late event at the latest time seen, as the engine does: the state it reports is the one that holds from then', () => {
    const log = new ShiftLog(plant, 0);
    log.onEvent({ kind: 'state', station: 'S', ts: 100, state: 'RUNNING' });
    log.onEvent({ kind: 'state', station: 'S', ts: 200, state: 'FAULT', reason: 'Jam' });
    log.onEvent({ kind: 'state', station: 'S', ts: 250, state: 'RUNNING' });
    log.onEvent({ kind: 'state', station: 'S', ts: 240, state: 'IDLE' });
    expect(log.intervals('S', 100, 300)).toEqual([
      { start: 100, end: 200, state: 'RUNNING', reason: '' },
      { start: 200, end: 250, state: 'FAULT', reason: 'Jam' },
      { start: 250, end: 300, state: 'IDLE', reason: '' },
    ]);
  });

  it('forgets what lies before a time but keeps the state held then', () => {
    const log = new ShiftLog(plant, 0);
    log.onEvent({ kind: 'state', station: 'S', ts: 100, state: 'RUNNING' });
    log.onEvent({ kind: 'count', station: 'S', ts: 100, good: 0, reject: 0 });
    log.onEvent({ kind: 'count', station: 'S', ts: 150, good: 4, reject: 0 });
    log.onEvent({ kind: 'count', station: 'S', ts: 250, good: 9, reject: 0 });
    log.trimBefore(200);
    expect(log.intervals('S', 0, 300)).toEqual([
      { start: 0, end: 100, state: 'OFFLINE', reason: '' },
      { start: 100, end: 300, state: 'RUNNING', reason: '' },
    ]);
    expect(log.counts('S', 0, 300)).toEqual({ good: 5, reject: 0 });
  });
});

describe('a full shift log', () => {
  it('drops the oldest entries and says so', () => {
    let told = 0;
    const log = new ShiftLog(plant, 0, (n) => (told += n));
    for (let i = 1; i <= 200_010; i += 1) log.onEvent({ kind: 'state', station: 'S', ts: i, state: i % 2 === 0 ? 'RUNNING' : 'IDLE' });
    // 200 011 changes with the first OFFLINE: the oldest tenth made room at once.
    expect(log.dropped).toBe(20_000);
    expect(told).toBe(20_000);
    expect(log.intervals('S', 0, 20_001)).toEqual([
      { start: 0, end: 20_000, state: 'OFFLINE', reason: '' },
      { start: 20_000, end: 20_001, state: 'RUNNING', reason: '' },
    ]);
    expect(log.intervals('S', 200_009, 200_011).map((i) => i.state)).toEqual(['IDLE', 'RUNNING']);
  });
});
