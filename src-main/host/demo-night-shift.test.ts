import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChunkDecompressors } from '../core/replay/chunk-decompression';
import { listRecordings } from '../core/replay/recording-catalogue';
import { loadDemoPlant, tinyPlant } from '../../test/support/plants';
import { ensureDemoNightShift, lastNightShift } from './demo-night-shift';

const at = (iso: string): number => Date.parse(iso);

describe("the demo's recorded night shift", () => {
  it('is the shift that held the last 03:10 plant time and has ended', () => {
    const tire = loadDemoPlant('tire-plant');
    // Qingdao is UTC+8: shift C runs 22:00–06:00 there, 14:00–22:00 UTC.
    expect(lastNightShift(tire, at('2026-11-30T12:00:00Z'))).toEqual({ start: at('2026-11-29T14:00:00Z'), end: at('2026-11-29T22:00:00Z') });
    // During the night shift itself, the one before.
    expect(lastNightShift(tire, at('2026-11-30T20:00:00Z'))).toEqual({ start: at('2026-11-29T14:00:00Z'), end: at('2026-11-29T22:00:00Z') });
    expect(lastNightShift(tire, at('2026-11-30T22:00:00Z'))).toEqual({ start: at('2026-11-30T14:00:00Z'), end: at('2026-11-30T22:00:00Z') });
  });

  it('is recorded once, whole, and listed with the recordings', async () => {
    const plant = { ...tinyPlant(), shifts: { ...tinyPlant().shifts, shifts: [{ id: 'N', start: '03:00', hours: 1, breaks: [] }] } };
    const root = mkdtempSync(join(tmpdir(), 'linetwin-night-'));
    const dir = await ensureDemoNightShift(plant, root, 'linetwin test', at('2026-11-30T12:00:00Z'));
    expect(dir).toBe(join(root, 'tiny', 'demo-night-shift'));
    expect((await readdir(join(root, 'tiny'))).sort()).toEqual(['demo-night-shift']);
    const [entry] = await listRecordings(root, await loadChunkDecompressors());
    expect(entry).toMatchObject({ path: dir, plantId: 'tiny', start: at('2026-11-29T19:00:00Z') });
    expect(entry?.end).toBeGreaterThan(at('2026-11-29T19:59:00Z'));
    expect(await ensureDemoNightShift(plant, root, 'linetwin test', at('2026-11-30T12:00:00Z'))).toBeUndefined();
  });
});
