import { describe, expect, it } from 'vitest';
import { RingSeries } from './ring-series';

describe('RingSeries', () => {
  it('keeps rows in order until full, then the newest `capacity` rows', () => {
    const s = new RingSeries(3, ['t', 'v'] as const);
    expect(s.length).toBe(0);
    expect(s.column('t')).toEqual([]);
    s.push({ t: 1, v: 10 });
    s.push({ t: 2, v: 20 });
    expect(s.column('t')).toEqual([1, 2]);
    s.push({ t: 3, v: 30 });
    s.push({ t: 4, v: 40 });
    s.push({ t: 5, v: 50 });
    expect(s.length).toBe(3);
    expect(s.column('t')).toEqual([3, 4, 5]);
    expect(s.column('v')).toEqual([30, 40, 50]);
    expect(s.at(0, 'v')).toBe(30);
    expect(s.at(2, 't')).toBe(5);
  });

  it('wraps any number of times', () => {
    const s = new RingSeries(7, ['x'] as const);
    for (let i = 0; i < 1000; i += 1) s.push({ x: i });
    expect(s.column('x')).toEqual([993, 994, 995, 996, 997, 998, 999]);
  });
});
