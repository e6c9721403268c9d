import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignWalls, loadWalls, MAX_REMEMBERED_DISPLAYS, rememberWall, saveWalls, type DisplayInfo, type WallEntry } from '../../src-main/electron/wall-layout';
import { formatWallView, parseWallView } from '../../src-main/shared/wall-view';

const left: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true };
const right: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, primary: false };
const third: DisplayInfo = { id: 3, bounds: { x: 5760, y: 0, width: 1920, height: 1080 }, primary: false };

const views = (placements: ReturnType<typeof assignWalls>): string[] => placements.map((p) => formatWallView(p.view));

describe('display-to-window assignment', () => {
  it('gives displays never seen the control UI on the primary and the whole plant elsewhere, filling each display', () => {
    const placed = assignWalls([left, right], []);
    expect(views(placed)).toEqual(['control', 'plant']);
    expect(placed[1]!.bounds).toEqual(right.bounds);
  });

  it('restores each display its view and window position after a restart', () => {
    let saved: WallEntry[] = [];
    saved = rememberWall(saved, left, { kind: 'kpi' }, { x: 100, y: 50, width: 1200, height: 800 });
    saved = rememberWall(saved, right, { kind: 'line', lineId: 'curing' });
    const placed = assignWalls([left, right], saved);
    expect(views(placed)).toEqual(['kpi', 'line:curing']);
    expect(placed[0]!.bounds).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
  });

  it('finds a re-plugged display by its geometry when its id changed, and one whose resolution changed by id', () => {
    const saved = rememberWall(rememberWall([], left, { kind: 'control' }), right, { kind: 'alarms' });
    const replugged = { ...right, id: 77 };
    expect(views(assignWalls([left, replugged], saved))).toEqual(['control', 'alarms']);
    const rescaled = { ...right, bounds: { ...right.bounds, width: 1920, height: 1080 } };
    expect(views(assignWalls([left, rescaled], saved))).toEqual(['control', 'alarms']);
  });

  it('keeps a disconnected display remembered, so its view comes back when it is reconnected', () => {
    let saved = rememberWall(rememberWall([], left, { kind: 'control' }), third, { kind: 'kpi' });
    expect(views(assignWalls([left], saved))).toEqual(['control']);
    saved = rememberWall(saved, left, { kind: 'plant' });
    expect(views(assignWalls([left, third], saved))).toEqual(['plant', 'kpi']);
  });

  it('uses each remembered entry once, even when two displays could match it', () => {
    const twin = { ...third, id: 4, bounds: { ...third.bounds, x: 7680 } };
    const saved = rememberWall([], third, { kind: 'alarms' });
    expect(views(assignWalls([left, third, twin], saved))).toEqual(['control', 'alarms', 'plant']);
  });

  it('drops a remembered window position that is no longer on its display', () => {
    const saved = rememberWall([], right, { kind: 'kpi' }, { x: 0, y: 0, width: 800, height: 600 });
    expect(assignWalls([left, right], saved)[1]!.bounds).toEqual(right.bounds);
  });

  it('remembers a bounded number of displays, the newest first', () => {
    let saved: WallEntry[] = [];
    for (let i = 0; i < MAX_REMEMBERED_DISPLAYS + 5; i++) saved = rememberWall(saved, { id: i, bounds: { x: i * 100, y: 0, width: 100, height: 100 }, primary: false }, { kind: 'plant' });
    expect(saved).toHaveLength(MAX_REMEMBERED_DISPLAYS);
    expect(saved[0]!.displayId).toBe(MAX_REMEMBERED_DISPLAYS + 4);
  });

  it('persists the layout and reads back only what is well formed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'linetwin-walls-')), 'walls.json');
    const saved = rememberWall(rememberWall([], left, { kind: 'control' }), right, { kind: 'line', lineId: 'tbm-1' }, { x: 2000, y: 10, width: 1000, height: 700 });
    saveWalls(file, saved);
    expect(loadWalls(file)).toEqual(saved);
    writeFileSync(file, JSON.stringify([{ displayId: 'x' }, { displayId: 5, displayBounds: { x: 0, y: 0, width: 0, height: 10 }, view: 'kpi' }, { displayId: 6, displayBounds: { x: 0, y: 0, width: 10, height: 10 }, view: 'line:../../etc' }]));
    expect(loadWalls(file)).toEqual([{ displayId: 6, displayBounds: { x: 0, y: 0, width: 10, height: 10 }, view: { kind: 'control' } }]);
    writeFileSync(file, '{not json');
    expect(loadWalls(file)).toEqual([]);
    expect(loadWalls(join(file, 'missing'))).toEqual([]);
  });

  it('reads every view back from its URL form', () => {
    for (const text of ['control', 'plant', 'kpi', 'alarms', 'line:curing-2']) expect(formatWallView(parseWallView(text))).toBe(text);
    expect(parseWallView('line:')).toEqual({ kind: 'control' });
    expect(parseWallView(null)).toEqual({ kind: 'control' });
  });
});
