import { describe, expect, it } from 'vitest';
import { ExhibitionIdle } from './exhibition-idle';

const MIN = 60_000;

describe('exhibition idle-to-tour timer', () => {
  it('starts the tour by itself, hands over on input, and takes the view back after N idle minutes', () => {
    const idle = new ExhibitionIdle(3 * MIN, 0);
    expect(idle.tick(0)).toBe('start-tour');
    expect(idle.tick(1_000)).toBe('none');
    expect(idle.input(10_000)).toBe('stop-tour');
    expect(idle.input(20_000)).toBe('none');
    expect(idle.tick(20_000 + 3 * MIN - 1)).toBe('none');
    expect(idle.tick(20_000 + 3 * MIN)).toBe('start-tour');
  });

  it('keeps waiting while visitors keep touching', () => {
    const idle = new ExhibitionIdle(MIN, 0);
    idle.tick(0);
    idle.input(1);
    for (let t = 30_000; t < 10 * MIN; t += 30_000) {
      expect(idle.tick(t)).toBe('none');
      idle.input(t);
    }
  });
});
