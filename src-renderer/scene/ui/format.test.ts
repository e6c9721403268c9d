import { describe, expect, it } from 'vitest';
import { formatRate, oeeText } from './format';

describe('banner figures', () => {
  const oee = { value: 0, availability: 0.9, performance: 0, quality: 0 };
  it('shows no OEE ("—") until the line has output this shift, then the percentage, 0 % included', () => {
    expect(oeeText({ oee, good: 0, reject: 0 })).toBe('—');
    expect(oeeText({ oee: { ...oee, value: 0.654 }, good: 3, reject: 1 })).toBe('65%');
    expect(oeeText({ oee, good: 0, reject: 2 })).toBe('0%');
  });

  it('writes a rate of zero as 0, small rates with a decimal, large ones whole', () => {
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(4.25)).toBe('4.3');
    expect(formatRate(352.4)).toBe('352');
  });
});
