import { readFileSync, writeFileSync } from 'node:fs';
import type { Rectangle } from 'electron';

/** Last window bounds, so the control-room screen layout survives a restart. */
export function loadWindowBounds(file: string): Partial<Rectangle> {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const out: Partial<Rectangle> = {};
    for (const k of ['x', 'y', 'width', 'height'] as const) {
      const v = raw[k];
      if (typeof v === 'number' && Number.isFinite(v)) out[k] = Math.round(v);
    }
    return out;
  } catch {
    return {};
  }
}

export function saveWindowBounds(file: string, bounds: Rectangle): void {
  try {
    writeFileSync(file, JSON.stringify(bounds));
  } catch {
    // Losing the remembered position is harmless; failing to quit is not.
  }
}
