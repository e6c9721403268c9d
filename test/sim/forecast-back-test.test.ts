import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChunkDecompressors } from '../../src-main/core/replay/chunk-decompression';
import { backTest } from '../../src-main/sim/forecast/back-test';
import { recordSimulation } from '../../src-main/sim/sim-recording';
import { loadDemoPlant } from '../support/plants';

/** 06:00 in Qingdao: shift A (8 h, break at 10:00). */
const SHIFT_START = Date.UTC(2026, 0, 5, 22, 0);
const HOUR = 3_600_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linetwin-backtest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('forecast back-test', () => {
  it('measures the error of forecasts made at hours 2, 4 and 6 of a recorded shift against its end', async () => {
    const tire = loadDemoPlant('tire-plant');
    const plant = { ...tire, lines: tire.lines.filter((l) => l.id === 'curing' || l.id === 'finishing') };
    await recordSimulation({ plant, dir, format: 'uns', scenario: 'normal', seed: 12, start: SHIFT_START - 10 * 60_000, durationMs: 8 * HOUR + 20 * 60_000, library: 'linetwin test' });
    const result = await backTest(dir, { hours: [2, 4, 6], replications: 30, decompress: await loadChunkDecompressors() });
    expect(result.shift).toMatchObject({ id: 'A', start: SHIFT_START, end: SHIFT_START + 8 * HOUR });
    expect(result.byHour.map((h) => h.hour)).toEqual([2, 4, 6]);
    expect(result.points).toHaveLength(6);
    for (const p of result.points) {
      // A curing line makes hundreds of tires a shift; the actual is the recording's own count at its end.
      expect(p.actual).toBeGreaterThan(500);
      expect(p.forecast.p10).toBeLessThanOrEqual(p.forecast.p90);
    }
    // Two hours before the end the forecast is within a few per cent of what the shift made.
    const late = result.byHour.find((h) => h.hour === 6);
    expect(late?.meanAbsErrorShare).toBeLessThan(0.04);
  }, 120_000);
});
