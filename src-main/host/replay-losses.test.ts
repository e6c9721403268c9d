import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChunkDecompressors } from '../core/replay/chunk-decompression';
import { loadPlantFile } from '../core/plant/load-plant';
import { recordSimulation } from '../sim/sim-recording';
import { ReplaySession } from './replay-session';

const HOUR = 3_600_000;
/** 06:00 in Qingdao, shift A. */
const START = Date.UTC(2026, 0, 5, 22, 0);

describe('losses of a past shift in a recording', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'linetwin-replay-losses-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are computed from the recording’s events: the fault cascade’s injected fault tops the curing line’s Pareto', async () => {
    const plant = await loadPlantFile(join(__dirname, '../../assets/plants/tire-plant.json'));
    const path = join(dir, 'night');
    await recordSimulation({ plant, dir: path, format: 'uns', scenario: 'fault-cascade', seed: 5, start: START, durationMs: 2 * HOUR, library: 'linetwin test' });
    const session = await ReplaySession.open(path, await loadChunkDecompressors());
    try {
      await expect.poll(() => session.overviewView().partial, { timeout: 60_000 }).toBeUndefined();
      const view = session.losses('curing', START + HOUR);
      expect(view.shift).toMatchObject({ id: 'A', start: START, end: START + 8 * HOUR });
      expect(view.to).toBe(START + 2 * HOUR);
      expect(view.pareto[0]).toMatchObject({ station: 'XR-01', category: 'fault', reason: 'Main drive overload trip' });
    } finally {
      await session.close();
    }
  });
});
