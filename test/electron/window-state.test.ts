import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWindowBounds, saveWindowBounds } from '../../src-main/electron/window-state';

describe('remembered window bounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linetwin-window-'));

  it('round-trips the bounds of the last session', () => {
    const file = join(dir, 'state.json');
    saveWindowBounds(file, { x: 1920, y: 0, width: 1920, height: 1080 });
    expect(loadWindowBounds(file)).toEqual({ x: 1920, y: 0, width: 1920, height: 1080 });
  });

  it('ignores a missing or damaged file and non-numeric fields', () => {
    expect(loadWindowBounds(join(dir, 'missing.json'))).toEqual({});
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"x": 10, "y": "top", "width": 1e999');
    expect(loadWindowBounds(broken)).toEqual({});
    writeFileSync(broken, '{"x": 10.4, "y": "top", "width": null}');
    expect(loadWindowBounds(broken)).toEqual({ x: 10 });
    expect(readFileSync(broken, 'utf8')).toContain('top');
  });
});
