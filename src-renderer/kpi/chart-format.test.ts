import { describe, expect, it } from 'vitest';
import { lastIndex, legendTime, legendValue, timeTickLabels } from './chart-format';

const at = (iso: string): number => Date.parse(iso);

describe('KPI chart labels', () => {
  it('labels ticks with 24-hour times, the date (in the UI language) on the first tick and where a day begins', () => {
    const ticks = [at('2026-11-30T22:30:00Z'), at('2026-11-30T23:30:00Z'), at('2026-12-01T00:30:00Z'), at('2026-12-01T13:00:00Z')];
    expect(timeTickLabels(ticks, 'en', 'UTC')).toEqual(['22:30\n30 Nov', '23:30', '00:30\n1 Dec', '13:00']);
    expect(timeTickLabels(ticks, 'zh', 'UTC')).toEqual(['22:30\n11月30日', '23:30', '00:30\n12月1日', '13:00']);
  });

  it('shows the time of a point with its date, never a US date or a 12-hour clock', () => {
    expect(legendTime(at('2026-11-30T20:47:00Z'), 'en', 'UTC')).toBe('30 Nov 20:47');
    expect(legendTime(at('2026-11-30T20:47:00Z'), 'zh', 'UTC')).toBe('11月30日 20:47');
    expect(legendTime(null, 'en')).toBe('—');
  });

  it('writes legend values, with a gap as "—", and picks the newest point when not hovering', () => {
    expect(legendValue(112.4, '')).toBe('112');
    expect(legendValue(61.25, '%')).toBe('61.3%');
    expect(legendValue(null, '%')).toBe('—');
    expect(lastIndex([1, 2, 3])).toBe(2);
    expect(lastIndex([])).toBeNull();
  });
});
