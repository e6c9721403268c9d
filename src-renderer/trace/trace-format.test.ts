import { describe, expect, it } from 'vitest';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { LotView, TracedItem } from '../../src-main/shared/trace';
import { kindLabel, lotCsv, outOfSpec, recallList } from './trace-format';
import { routeOf } from './trace-ui';

const plant = {
  lines: [
    {
      id: 'curing',
      alarms: [{ id: 'platen', metric: 'platenTempC', limits: { hh: 188, ll: 165 } }],
      stations: [{ id: 'CP-01', alarms: [{ id: 'steam', metric: 'steamPressureBar', limits: { l: 12 } }] }],
    },
  ],
} as unknown as PlantFile;

const item = (id: string, more: Partial<TracedItem> = {}): TracedItem => ({ id, kind: 'green-tire', depth: 2, verdict: null, reason: null, madeTs: 0, lastTs: 0, routed: true, location: null, ...more });

describe('traceability formatting', () => {
  it('marks a visit out of spec when its min or max left the line’s or the station’s limits', () => {
    expect(outOfSpec(plant, 'CP-01', 'platenTempC', { min: 170, mean: 175, max: 178, n: 9 })).toBe(false);
    expect(outOfSpec(plant, 'CP-01', 'platenTempC', { min: 160, mean: 175, max: 178, n: 9 })).toBe(true);
    expect(outOfSpec(plant, 'CP-01', 'platenTempC', { min: 170, mean: 175, max: 190, n: 9 })).toBe(true);
    expect(outOfSpec(plant, 'CP-01', 'steamPressureBar', { min: 11.5, mean: 14, max: 15, n: 9 })).toBe(true);
    expect(outOfSpec(plant, 'CP-01', 'recipeStep', { min: 0, mean: 2, max: 5, n: 9 })).toBe(false);
  });

  it('lists a lot’s items as CSV, and a recall list of the units not scrapped with where they are', () => {
    const view: LotView = {
      lot: { id: 'CB1', kind: 'compound-batch', line: 'mixing', madeAt: 'MX-01', madeTs: 0, firstTs: 0, lastTs: 0, verdict: null, reason: null, location: null, lost: false },
      parts: [],
      items: [item('TR1', { kind: 'tread', routed: false, depth: 1 }), item('=T1', { verdict: 'pass', location: 'AS-A01-1' }), item('T2', { verdict: 'scrap', reason: 'x-ray defect' })],
      verdicts: { pass: 1, fail: 0, rework: 0, scrap: 1, open: 0 },
      truncated: false,
    };
    expect(lotCsv(view).split('\r\n')[3]).toBe('T2,green-tire,2,scrap,x-ray defect,1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.000Z');
    expect(recallList(view)).toBe("id,kind,verdict,location,made\r\n'=T1,green-tire,pass,AS-A01-1,1970-01-01T00:00:00.000Z\r\n");
  });

  it('takes the route’s stations in order, and the last one as where the item is while it has not left', () => {
    const card = { item: {}, tests: [], parts: [], backward: [], usedIn: [] };
    const v = (station: string, outcome: 'leave' | null) => ({ station, enter: 0, leave: null, outcome, flags: [], metrics: {} });
    expect(routeOf({ kind: 'item', id: 'T', card: { ...card, route: [v('TB-01', 'leave'), v('CP-03', null)] } as never })).toEqual({ item: 'T', stations: ['TB-01', 'CP-03'], current: 'CP-03' });
    expect(routeOf({ kind: 'item', id: 'T', card: { ...card, route: [v('TB-01', 'leave')] } as never }).current).toBeNull();
    expect(routeOf(undefined).stations).toEqual([]);
  });

  it('names the simulator’s item kinds in the UI language and shows others as sent', () => {
    expect(kindLabel('zh', 'green-tire')).toBe('轮胎');
    expect(kindLabel('en', 'compound-batch')).toBe('compound batch');
    expect(kindLabel('zh', 'widget')).toBe('widget');
    expect(kindLabel('en', null)).toBe('—');
  });
});
