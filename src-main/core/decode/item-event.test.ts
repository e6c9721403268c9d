import { describe, expect, it } from 'vitest';
import { itemEventJson, parseItemEvent } from './item-event';

const base = { ts: 5, item: 'E2801', station: 'TB-01' };

describe('item events (DESIGN.md "Item events and genealogy")', () => {
  it('reads each event with its own fields, and writes the same JSON back', () => {
    const cases = [
      { ...base, event: 'enter' },
      { ...base, event: 'scrap', reason: 'x-ray defect' },
      { ...base, event: 'produce', kind: 'green-tire' },
      { ...base, event: 'consume', parts: ['TR-1', 'PL-1'] },
      { ...base, event: 'test', values: { rfvN: 55.5 }, verdict: 'fail', reason: 'grade 3' },
      { ...base, event: 'store', location: 'AS-A01-1' },
    ];
    for (const json of cases) {
      const e = parseItemEvent(json, 'building', json.ts);
      expect(typeof e, JSON.stringify(json)).toBe('object');
      if (typeof e === 'object') expect(itemEventJson(e)).toEqual(json);
    }
    expect(parseItemEvent({ ...base, event: 'produce', kind: 'green-tire' }, 'building', 5)).toMatchObject({ kind: 'item', productKind: 'green-tire', line: 'building' });
  });

  it('refuses what genealogy cannot use, saying which field', () => {
    expect(parseItemEvent({ ...base, event: 'teleport' }, 'L', 5)).toBe('event');
    expect(parseItemEvent({ ...base, event: 'consume' }, 'L', 5)).toBe('parts');
    expect(parseItemEvent({ ...base, event: 'consume', parts: [] }, 'L', 5)).toBe('parts');
    expect(parseItemEvent({ ...base, event: 'consume', parts: ['ok', 7] }, 'L', 5)).toBe('parts');
    expect(parseItemEvent({ ...base, event: 'test', verdict: 'maybe' }, 'L', 5)).toBe('verdict');
    expect(parseItemEvent({ ...base, event: 'test', verdict: 'pass', values: { x: 'hot' } }, 'L', 5)).toBe('values');
    expect(parseItemEvent({ ...base, event: 'store' }, 'L', 5)).toBe('location');
    expect(parseItemEvent({ ...base, item: 'x'.repeat(129), event: 'enter' }, 'L', 5)).toBe('item event');
    expect(parseItemEvent({ ts: 5, item: 'E', event: 'enter' }, 'L', 5)).toBe('item event');
  });

  it('takes the Sparkplug device as the station, whatever the JSON says', () => {
    expect(parseItemEvent({ ...base, event: 'enter' }, 'curing', 5, 'CP-07')).toMatchObject({ station: 'CP-07' });
    expect(parseItemEvent({ ts: 5, item: 'E', event: 'enter' }, 'curing', 5, 'CP-07')).toMatchObject({ station: 'CP-07' });
  });

  it('drops duplicate parts in one consume', () => {
    expect(parseItemEvent({ ...base, event: 'consume', parts: ['A', 'A', 'B'] }, 'L', 5)).toMatchObject({ parts: ['A', 'B'] });
  });
});
