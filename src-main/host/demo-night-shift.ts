import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlantFile } from '../shared/plant-schema';
import { loadZstd } from '../core/record/chunk-compression';
import { isSegmentFile, plantFolderName } from '../core/record/recording-names';
import { ShiftCalendar } from '../core/kpi/shift-calendar';
import { recordSimulation } from '../sim/sim-recording';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The moment of the story an engineer replays: "why did the curing presses starve at 03:10?" */
const NIGHT_MOMENT_MIN = 3 * 60 + 10;
const FOLDER = 'demo-night-shift';

/** The shift that held the last 03:10 (plant time) before `now` and has ended: last night's shift. */
export function lastNightShift(plant: PlantFile, now: number): { start: number; end: number } | undefined {
  const calendar = new ShiftCalendar(plant.shifts);
  const offset = plant.shifts.utcOffsetMinutes * 60_000;
  const localDayStart = Math.floor((now + offset) / DAY) * DAY - offset;
  for (let day = 0; day < 3; day += 1) {
    const shift = calendar.shiftAt(localDayStart - day * DAY + NIGHT_MOMENT_MIN * 60_000);
    if (shift && shift.end <= now) return { start: shift.start, end: shift.end };
  }
  return undefined;
}

/**
 * The demo's recorded night shift, with a fault cascade, in `<recordings>/<plant>/demo-night-shift`:
 * an exhibition shows replay without waiting for a shift to be recorded. Made once, from the
 * simulator, as fast as the CPU goes beside the running demo (the simulation yields between steps);
 * it is written aside and moved into place whole, so a half-made one is never listed.
 */
export async function ensureDemoNightShift(plant: PlantFile, recordingsRoot: string, library: string, now: number): Promise<string | undefined> {
  const plantDir = join(recordingsRoot, plantFolderName(plant.id));
  const dir = join(plantDir, FOLDER);
  const existing = await readdir(dir).catch(() => []);
  if (existing.some(isSegmentFile)) return undefined;
  const shift = lastNightShift(plant, now);
  if (!shift) return undefined;
  const making = join(plantDir, `.${FOLDER}-${process.pid}`);
  await rm(making, { recursive: true, force: true });
  const result = await recordSimulation({
    plant,
    dir: making,
    format: 'uns',
    scenario: 'fault-cascade',
    seed: 1,
    start: shift.start,
    durationMs: shift.end - shift.start,
    library,
    compression: await loadZstd(),
    keyframeOf: (engine) => engine.keyframe(),
  });
  if (result.recorder.error) {
    await rm(making, { recursive: true, force: true });
    throw new Error(`demo night shift not recorded: ${result.recorder.error}`);
  }
  await rm(dir, { recursive: true, force: true });
  await rename(making, dir);
  return dir;
}
