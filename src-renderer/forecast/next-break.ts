import type { PlantFile } from '../../src-main/shared/plant-schema';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When the next break of the plant's shift calendar starts after `t` (within a day), clock ms. */
export function nextBreakStart(plant: PlantFile, t: number): number | undefined {
  const offset = plant.shifts.utcOffsetMinutes * MINUTE;
  const midnight = Math.floor((t + offset) / DAY) * DAY - offset;
  let best: number | undefined;
  for (const day of [midnight, midnight + DAY]) {
    for (const s of plant.shifts.shifts) {
      for (const b of s.breaks) {
        const at = day + minutesOf(b.start) * MINUTE;
        if (at > t && (best === undefined || at < best)) best = at;
      }
    }
  }
  return best;
}
