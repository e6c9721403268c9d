import { describe, expect, it } from 'vitest';
import type { LossesView } from '../../shared/losses';
import type { StationState } from '../../shared/station-state';
import { parsePlant } from '../plant/load-plant';
import { plantFlowGraph } from './flow-graph';
import { ShiftLog } from './shift-log';
import { shiftLosses } from './shift-losses';

const MIN = 60_000;
/** 2026-01-05 00:00 UTC: shift A of the test calendar starts here. */
const T0 = Date.UTC(2026, 0, 5);
const SHIFT = { id: 'A', start: T0, end: T0 + 480 * MIN };

interface StationDef {
  id: string;
  type: string;
}

/** One line; conveyors [from, to]; every station a 60 s ideal cycle; a 30 min break at 02:00. */
function plantOf(stations: StationDef[], conveyors: Array<[string, string]>, outputStations?: string[]) {
  return parsePlant(
    {
      id: 'hand',
      name: { zh: '手工', en: 'Hand-built' },
      uns: { prefix: 'test/hand' },
      shifts: { utcOffsetMinutes: 0, shifts: [{ id: 'A', start: '00:00', hours: 8, breaks: [{ start: '02:00', minutes: 30 }] }, { id: 'B', start: '08:00', hours: 16 }] },
      lines: [
        {
          id: 'L',
          name: { zh: '线', en: 'Line' },
          shiftTargetUnits: 400,
          ...(outputStations ? { outputStations } : {}),
          stations: stations.map((s, i) => ({ id: s.id, type: s.type, name: { zh: s.id, en: s.id }, position: [i * 5, 0, 0], idealCycleSeconds: 60 })),
          conveyors: conveyors.map(([from, to]) => ({ from, to, capacity: 5 })),
        },
      ],
    },
    'hand.json',
  );
}

/** Root causes other than the output stations' own pace and rejects. */
const causes = (view: LossesView): LossesView['pareto'] => view.pareto.filter((r) => r.category !== 'performance' && r.category !== 'quality');

type Change = [station: string, minute: number, state: StationState, reason?: string];

/** Every station RUNNING from the shift start unless told otherwise; `counts` are totals at the shift's end. */
function analyse(plant: ReturnType<typeof plantOf>, changes: Change[], counts: Record<string, [good: number, reject: number]> = {}): LossesView {
  const log = new ShiftLog(plant, T0);
  for (const line of plant.lines) {
    for (const s of line.stations) {
      log.onEvent({ kind: 'state', station: s.id, ts: T0, state: 'RUNNING' });
      log.onEvent({ kind: 'count', station: s.id, ts: T0, good: 0, reject: 0 });
    }
  }
  for (const [station, minute, state, reason] of [...changes].sort((a, b) => a[1] - b[1])) {
    log.onEvent({ kind: 'state', station, ts: T0 + minute * MIN, state, ...(reason ? { reason } : {}) });
  }
  for (const [station, [good, reject]] of Object.entries(counts)) log.onEvent({ kind: 'count', station, ts: SHIFT.end - 1, good, reject });
  return shiftLosses({ plant, graph: plantFlowGraph(plant), log, line: 'L', shift: SHIFT, to: SHIFT.end });
}

const serial = plantOf(
  [
    { id: 'A', type: 'a' },
    { id: 'B', type: 'b' },
    { id: 'C', type: 'c' },
  ],
  [
    ['A', 'B'],
    ['B', 'C'],
  ],
);

describe('root-cause attribution on hand-built timelines', () => {
  it('charges the output station’s starved time to an upstream fault, through the buffers and while they refill', () => {
    const view = analyse(
      serial,
      [
        ['A', 60, 'FAULT', 'Main drive trip'],
        ['A', 90, 'RUNNING'],
        ['B', 65, 'STARVED'],
        ['B', 95, 'RUNNING'],
        ['C', 70, 'STARVED'],
        ['C', 100, 'RUNNING'],
      ],
      { C: [400, 0] },
    );
    const top = causes(view)[0];
    expect(top).toMatchObject({ station: 'A', category: 'fault', reason: 'Main drive trip', occurrences: 1, ambiguous: false, firstStart: T0 + 60 * MIN });
    expect(top?.lostMinutes).toBeCloseTo(30, 6);
    expect(view.pareto.filter((r) => r.category === 'starved' || r.category === 'slow')).toEqual([]);
  });

  it('charges the output station’s blocked time to a downstream fault', () => {
    const plant = plantOf(
      [
        { id: 'A', type: 'a' },
        { id: 'B', type: 'b' },
        { id: 'C', type: 'c' },
      ],
      [
        ['A', 'B'],
        ['B', 'C'],
      ],
      ['A'],
    );
    const view = analyse(plant, [
      ['C', 200, 'FAULT', 'Vacuum pump failure'],
      ['C', 240, 'RUNNING'],
      ['B', 205, 'BLOCKED'],
      ['B', 240, 'RUNNING'],
      ['A', 210, 'BLOCKED'],
      ['A', 241, 'RUNNING'],
    ]);
    expect(causes(view)[0]).toMatchObject({ station: 'C', category: 'fault', reason: 'Vacuum pump failure', ambiguous: false });
    expect(causes(view)[0]?.lostMinutes).toBeCloseTo(31, 6);
  });

  it('splits time between two causes at once and says so', () => {
    const plant = plantOf(
      [
        { id: 'T', type: 'tread' },
        { id: 'P', type: 'ply' },
        { id: 'M', type: 'builder' },
      ],
      [
        ['T', 'M'],
        ['P', 'M'],
      ],
    );
    const view = analyse(plant, [
      ['T', 200, 'FAULT', 'Screw overload'],
      ['T', 240, 'RUNNING'],
      ['P', 200, 'MAINTENANCE', 'roll change'],
      ['P', 220, 'RUNNING'],
      ['M', 210, 'STARVED'],
      ['M', 230, 'RUNNING'],
    ]);
    const t = view.pareto.find((r) => r.station === 'T');
    const p = view.pareto.find((r) => r.station === 'P');
    // 210–220 both are down (5 min each), 220–230 only T is.
    expect(t).toMatchObject({ category: 'fault', reason: 'Screw overload', ambiguous: true });
    expect(t?.lostMinutes).toBeCloseTo(15, 6);
    expect(p).toMatchObject({ category: 'maintenance', reason: 'roll change', ambiguous: true });
    expect(p?.lostMinutes).toBeCloseTo(5, 6);
  });

  it('does not count a planned break as a loss, and charges the starving it leaves behind to the break', () => {
    const view = analyse(
      serial,
      [
        ['A', 120, 'IDLE', 'break'],
        ['A', 150, 'RUNNING'],
        ['B', 120, 'IDLE', 'break'],
        ['B', 150, 'RUNNING'],
        ['C', 120, 'IDLE', 'break'],
        ['C', 150, 'STARVED'],
        ['C', 160, 'RUNNING'],
      ],
      { C: [390, 0] },
    );
    const planned = view.waterfall.steps.filter((s) => s.category === 'planned');
    expect(planned).toEqual([expect.objectContaining({ reason: 'break', ms: 30 * MIN })]);
    expect(view.waterfall.steps.find((s) => s.category === 'idle')).toBeUndefined();
    expect(view.pareto.find((r) => r.category === 'idle')).toBeUndefined();
    // C starves 10 min after the break: A and B are running then, their buffers refilling from it.
    expect(causes(view)[0]).toMatchObject({ station: 'B', category: 'planned', reason: 'break' });
    expect(causes(view)[0]?.lostMinutes).toBeCloseTo(10, 6);
  });
});

describe('a neighbour that just cannot keep up', () => {
  it('is charged as slow: a single machine by its id, a bank of parallel machines by the bank', () => {
    const plant = plantOf(
      [
        { id: 'A1', type: 'a' },
        { id: 'A2', type: 'a' },
        { id: 'B', type: 'b' },
        { id: 'C', type: 'c' },
      ],
      [
        ['A1', 'B'],
        ['A2', 'B'],
        ['B', 'C'],
      ],
    );
    const view = analyse(plant, [
      ['B', 100, 'STARVED'],
      ['B', 110, 'RUNNING'],
      ['C', 100, 'STARVED'],
      ['C', 110, 'RUNNING'],
      ['C', 300, 'STARVED'],
      ['C', 320, 'RUNNING'],
    ]);
    // 100–110: B starved with both A running: the A bank is slow. 300–320: B running, long past its own wait: B is slow.
    expect(causes(view).map((r) => [r.station, r.category, r.reason, Math.round(r.lostMinutes)])).toEqual([
      ['B', 'slow', 'b', 20],
      ['L/a', 'slow', 'a', 10],
    ]);
  });
});

describe('the waterfall', () => {
  it('sums exactly from shift time to good output, in time and in units', () => {
    const view = analyse(
      serial,
      [
        ['C', 30, 'FAULT', 'Jam'],
        ['C', 120, 'IDLE'],
        ['C', 150, 'RUNNING'],
        ['C', 45, 'RUNNING'],
        ['C', 200, 'MAINTENANCE', 'mould change'],
        ['C', 230, 'IDLE'],
        ['C', 240, 'RUNNING'],
        ['C', 300, 'STARVED'],
        ['C', 305, 'BLOCKED'],
        ['C', 310, 'RUNNING'],
      ],
      { C: [350, 7] },
    );
    const w = view.waterfall;
    expect(w.calendarMs).toBe(480 * MIN);
    expect(w.calendarUnits).toBeCloseTo(480, 9);
    const units = w.steps.reduce((sum, s) => sum + s.units, 0);
    expect(w.calendarUnits - units).toBeCloseTo(w.good, 9);
    expect(w.good).toBe(350);
    expect(w.produced).toBe(357);
    const byCategory = (c: string): number => w.steps.filter((s) => s.category === c).reduce((sum, s) => sum + s.ms, 0);
    expect(byCategory('planned')).toBe(30 * MIN);
    expect(byCategory('fault')).toBe(15 * MIN);
    expect(byCategory('maintenance')).toBe(30 * MIN);
    expect(byCategory('idle')).toBe(10 * MIN);
    expect(byCategory('starved')).toBe(5 * MIN);
    expect(byCategory('blocked')).toBe(5 * MIN);
    // Run time 385 min at 60 s ideal: 385 units possible, 357 made.
    expect(w.steps.find((s) => s.category === 'performance')?.units).toBeCloseTo(385 - 357, 9);
    expect(w.steps.find((s) => s.category === 'quality')).toMatchObject({ reason: 'C', units: 7 });
    expect(w.target).toBe(400);
    expect(w.expectedByNow).toBe(400);
  });
});

describe('bottleneck band', () => {
  it('names the station with the longest active periods, and a shifting bottleneck as such', () => {
    // C runs throughout; A runs throughout from 240 on while C starves in 3 short gaps there.
    const view = analyse(serial, [
      ['A', 0, 'STARVED'],
      ['A', 200, 'RUNNING'],
      ['B', 0, 'STARVED'],
      ['B', 470, 'RUNNING'],
      ['C', 250, 'STARVED'],
      ['C', 251, 'RUNNING'],
      ['C', 300, 'STARVED'],
      ['C', 301, 'RUNNING'],
      ['C', 350, 'STARVED'],
      ['C', 351, 'RUNNING'],
    ]);
    const b = view.bottleneck;
    expect(b.periods[0]).toMatchObject({ bank: 'L/c', start: T0 });
    expect(b.periods.some((p) => p.bank === 'L/a')).toBe(true);
    expect(b.periods.some((p) => p.shifting)).toBe(true);
    expect(b.shifting).toBe(true);
    expect(b.main?.bank).toBe('L/a');
  });
});
