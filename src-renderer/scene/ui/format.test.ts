import { describe, expect, it } from 'vitest';
import { formatRate, metricLabel, oeeFigure, oeeText, pct } from './format';

describe('banner figures', () => {
  const oee = { value: 0, availability: 0.9, performance: 0, quality: 0 };
  it('shows no OEE ("—") until the line has output this shift, then the percentage, 0 % included', () => {
    expect(oeeText({ oee, good: 0, reject: 0 })).toBe('—');
    expect(oeeText({ oee: { ...oee, value: 0.654 }, good: 3, reject: 1 })).toBe('65%');
    expect(oeeText({ oee, good: 0, reject: 2 })).toBe('0%');
  });

  it('shows no OEE while it is unknown, and a flag instead of it while the data is faulty', () => {
    expect(oeeText({ oee: { ...oee, value: null }, good: 3, reject: 0 })).toBe('—');
    const flagged = { oee: { ...oee, value: null, performance: 1.73 }, good: 30, reject: 0, dataQuality: { code: 'performance-over-100' as const, performance: 1.73 } };
    expect(oeeFigure(flagged, 'data fault')).toBe('⚠ data fault');
    expect(oeeFigure({ oee: { ...oee, value: 0.61 }, good: 3, reject: 0 }, 'data fault')).toBe('61%');
    expect(pct(null)).toBe('—');
  });

  it('writes a rate of zero as 0, small rates with a decimal, large ones whole, an unknown one as —', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(4.25)).toBe('4.3');
    expect(formatRate(352.4)).toBe('352');
  });
});

describe('process value names', () => {
  const plant = { metrics: { chamberTempC: { zh: '密炼室温度', en: 'Chamber temperature', unit: '°C' }, mixRatio: { zh: '混合比', en: 'Mix ratio' } } };
  it('come from the plant file in the UI language, with their unit', () => {
    expect(metricLabel(plant, 'chamberTempC', 'zh')).toEqual({ name: '密炼室温度', unit: '°C' });
    expect(metricLabel(plant, 'chamberTempC', 'en')).toEqual({ name: 'Chamber temperature', unit: '°C' });
    expect(metricLabel(plant, 'mixRatio', 'en')).toEqual({ name: 'Mix ratio', unit: '' });
  });
  it('fall back to the raw key for a metric the plant file does not name, or a plant without names', () => {
    expect(metricLabel(plant, 'rotorRpm', 'zh')).toEqual({ name: 'rotorRpm', unit: '' });
    expect(metricLabel(plant, 'toString', 'en')).toEqual({ name: 'toString', unit: '' });
    expect(metricLabel({}, 'chamberTempC', 'en')).toEqual({ name: 'chamberTempC', unit: '' });
  });
});
