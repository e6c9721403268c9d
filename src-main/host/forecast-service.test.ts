import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemoPlant } from '../../test/support/plants';
import { ManualClock } from '../core/clock';
import { Engine } from '../core/engine';
import { recordSimulation } from '../sim/sim-recording';
import type { PlantFile } from '../shared/plant-schema';
import { ForecastService, stateChangeDelay } from './forecast-service';
import { builtForecastScript } from '../../test/support/forecast-process';

const SHIFT_START = Date.UTC(2026, 0, 5, 22, 0);
const HOUR = 3_600_000;
const SCRIPT = builtForecastScript();

describe('forecast service', () => {
  let dir: string;
  let plant: PlantFile;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linetwin-forecast-service-'));
    const tire = loadDemoPlant('tire-plant');
    plant = { ...tire, lines: tire.lines.filter((l) => l.id === 'curing' || l.id === 'finishing') };
    await recordSimulation({ plant, dir, format: 'uns', scenario: 'normal', seed: 4, start: SHIFT_START, durationMs: 8 * HOUR, library: 'linetwin test' });
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('back-tests the newest recorded whole shift of the plant in a process of its own and quotes its error with every forecast', async () => {
    const engine = new Engine({ plant, clock: new ManualClock(SHIFT_START + 27 * HOUR) });
    const other = { path: '/nowhere', plantId: 'another-plant', plantName: { zh: '', en: '' }, start: SHIFT_START, end: SHIFT_START + 8 * HOUR, segments: 1, bytes: 1, source: 'sim' };
    const service = new ForecastService({ script: SCRIPT, replications: 5, recordings: async () => [other, { ...other, path: dir, plantId: plant.id }] });
    service.attach(engine);
    try {
      const end = Date.now() + 90_000;
      while (!service.latest()?.measuredError && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      const view = service.latest();
      expect(service.lastError).toBeUndefined();
      expect(view?.measuredError).toMatchObject({ recordingStart: SHIFT_START, shiftId: 'A', lines: 2, replications: 5 });
      expect(view?.measuredError?.byHour.map((h) => h.hour)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      // The engine has heard nothing: the forecast says its data is too thin.
      expect(view?.thinData).toBe('no-data');
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('slows its forecasts while the engine thread is saturated, says so, and speeds up again when it has headroom', async () => {
    const engine = new Engine({ plant, clock: new ManualClock(SHIFT_START + 2 * HOUR) });
    const service = new ForecastService({ script: SCRIPT, replications: 5, refreshMs: 50 });
    service.attach(engine);
    const newForecasts = async (ms: number, busy: boolean): Promise<number> => {
      let last = service.latest()?.lines;
      let seen = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // Saturated: the thread computes 95 ms of every 100, as an engine behind on its messages does.
        if (busy) for (const t = performance.now(); performance.now() - t < 95; );
        await new Promise((r) => setTimeout(r, busy ? 5 : 50));
        const lines = service.latest()?.lines;
        if (lines !== last) {
          last = lines;
          seen += 1;
        }
      }
      return seen;
    };
    const nextForecast = async (): Promise<void> => {
      const last = service.latest()?.lines;
      await vi.waitFor(() => expect(service.latest()?.lines).not.toBe(last), { timeout: 30_000, interval: 50 });
    };
    try {
      await vi.waitFor(() => expect(service.latest()).not.toBeNull(), { timeout: 30_000, interval: 50 });
      await nextForecast();
      expect(service.latest()?.slowedForIngest).toBeUndefined();
      await newForecasts(600, true);
      expect(service.latest()?.slowedForIngest).toBe(true);
      // Five replications take a fraction of a second at full pace, ten seconds slowed (one every 2 s): at most the one under way finishes.
      expect(await newForecasts(3000, true)).toBeLessThanOrEqual(1);
      await nextForecast();
      expect(service.latest()?.slowedForIngest).toBeUndefined();
    } finally {
      await service.stop();
    }
  }, 90_000);

  it('refreshes a second after a fault or repair, and a fault storm at most every 10 s', () => {
    expect(stateChangeDelay(Infinity)).toBe(1000);
    expect(stateChangeDelay(60_000)).toBe(1000);
    expect(stateChangeDelay(2000)).toBe(8000);
    expect(stateChangeDelay(0)).toBe(10_000);
  });
});

