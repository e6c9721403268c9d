import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPlant } from '../../test/support/plants';
import { ManualClock } from '../core/clock';
import { Engine } from '../core/engine';
import { recordSimulation } from '../sim/sim-recording';
import type { PlantFile } from '../shared/plant-schema';
import { ForecastService, stateChangeDelay } from './forecast-service';
import { forecastWorkerFile } from './forecast-worker-file';

const SHIFT_START = Date.UTC(2026, 0, 5, 22, 0);
const HOUR = 3_600_000;
const WORKER = forecastWorkerFile(resolve(__dirname, '..', '..', 'out', 'main'));

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

  it('back-tests the newest recorded whole shift of the plant on a worker and quotes its error with every forecast', async () => {
    const engine = new Engine({ plant, clock: new ManualClock(SHIFT_START + 27 * HOUR) });
    const other = { path: '/nowhere', plantId: 'another-plant', plantName: { zh: '', en: '' }, start: SHIFT_START, end: SHIFT_START + 8 * HOUR, segments: 1, bytes: 1, source: 'sim' };
    const service = new ForecastService({ workerFile: WORKER, replications: 5, recordings: async () => [other, { ...other, path: dir, plantId: plant.id }] });
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

  it('refreshes a second after a fault or repair, and a fault storm at most every 10 s', () => {
    expect(stateChangeDelay(Infinity)).toBe(1000);
    expect(stateChangeDelay(60_000)).toBe(1000);
    expect(stateChangeDelay(2000)).toBe(8000);
    expect(stateChangeDelay(0)).toBe(10_000);
  });
});

