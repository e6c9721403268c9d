import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_ROOT } from './host-process';

const MIN = 60_000;
const HOUR = 60 * MIN;
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

/**
 * A copy of a demo plant on a calendar of three 8 h shifts (UTC) that puts now `hoursIn` hours
 * into a shift, and its path. The demo opens with the shift's history up to now, so what a suite
 * finds (cured tires, a forecast with room to lose output) must not hang on the hour it runs at.
 */
export function midShiftPlant(plantFile: string, hoursIn: number): string {
  const plant = JSON.parse(readFileSync(resolve(APP_ROOT, plantFile), 'utf8')) as { shifts?: unknown };
  const start = Math.floor((Date.now() - hoursIn * HOUR) / MIN) * MIN;
  plant.shifts = { utcOffsetMinutes: 0, shifts: ['A', 'B', 'C'].map((id, i) => ({ id, start: hhmm(start + i * 8 * HOUR), hours: 8 })) };
  const file = join(mkdtempSync(join(tmpdir(), 'linetwin-plant-')), 'plant.json');
  writeFileSync(file, JSON.stringify(plant));
  return file;
}
