import { describe, expect, it } from 'vitest';
import { setNs } from './chunk-records';

const exact = (ms: number): bigint => {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
};

describe('setNs', () => {
  it('writes ms as u64 ns exactly, fractions to the nanosecond, without BigInt', () => {
    const view = new DataView(new ArrayBuffer(8));
    const times = [1, 999, 2 ** 21 - 1, 2 ** 21, 2 ** 32, 1_700_000_000_000, 1795989600044.4443, 1795989600088.889, 4_398_046_511_103, 4_398_046_511_103.99];
    for (let i = 0; i < 2000; i++) times.push(Math.random() * 4_398_046_511_103, Math.floor(Math.random() * 4_398_046_511_103));
    for (const ms of times) {
      setNs(view, 0, ms);
      expect(view.getBigUint64(0, true), String(ms)).toBe(exact(ms));
    }
    for (const before1970 of [0, -5, NaN]) {
      setNs(view, 0, before1970);
      expect(view.getBigUint64(0, true)).toBe(0n);
    }
  });
});
