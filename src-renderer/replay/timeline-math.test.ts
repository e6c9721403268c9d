import { describe, expect, it } from 'vitest';
import { adjacentMarker, axisTicks, BAND_FILL, clampView, clusterAlarms, followView, isZoomed, layoutBands, loopFromDrag, markerTimes, MIN_VIEW_MS, SPEEDS, stepSpeed, timeToX, xToTime, zoomView, type Scale } from './timeline-math';
import { NORMAL_GREY, PRIORITY_STYLE } from '../scene/state-style';

const H = 3_600_000;
const shift: Scale = { from: 0, to: 8 * H, width: 800 };

describe('scrubber math', () => {
  it('maps time to x and back over the whole recording, clamped to its ends', () => {
    expect(timeToX(shift, 0)).toBe(0);
    expect(timeToX(shift, 4 * H)).toBe(400);
    expect(timeToX(shift, 8 * H)).toBe(800);
    expect(timeToX(shift, -H)).toBe(0);
    expect(timeToX(shift, 9 * H)).toBe(800);
    expect(xToTime(shift, 400)).toBe(4 * H);
    expect(xToTime(shift, -20)).toBe(0);
    expect(xToTime(shift, 900)).toBe(8 * H);
    for (const t of [0, 1234567, 3 * H + 17, 8 * H]) expect(Math.abs(xToTime(shift, timeToX(shift, t)) - t)).toBeLessThanOrEqual(shift.to / shift.width);
  });

  it('survives an empty recording or a bar not laid out yet', () => {
    expect(timeToX({ from: 5, to: 5, width: 100 }, 5)).toBe(0);
    expect(xToTime({ from: 5, to: 9, width: 0 }, 10)).toBe(5);
    expect(layoutBands([{ start: 0, end: 10, band: 'fault' }], { from: 0, to: 10, width: 0 })).toEqual([]);
  });

  it('lays out bands in whole pixels, merges neighbours of one band, and keeps a fault shorter than a pixel visible', () => {
    const rects = layoutBands(
      [
        { start: 0, end: 2 * H, band: 'running' },
        { start: 2 * H, end: 3 * H, band: 'running' },
        { start: 3 * H, end: 3 * H + 10_000, band: 'fault' },
        { start: 3 * H + 10_000, end: 8 * H, band: 'starved' },
      ],
      shift,
    );
    expect(rects[0]).toEqual({ x: 0, w: 300, band: 'running' });
    expect(rects.find((r) => r.band === 'fault')).toEqual({ x: 300, w: 1, band: 'fault' });
    expect(rects[rects.length - 1]).toMatchObject({ band: 'starved', x: 301 });
    expect(rects.reduce((n, r) => n + r.w, 0)).toBe(800);
  });

  it('colours bands as the 3D scene does: grey when normal, the indicator colours when not', () => {
    expect(BAND_FILL.running).toBe(NORMAL_GREY);
    expect(BAND_FILL.fault).toBe(PRIORITY_STYLE[1].color);
    expect(BAND_FILL.blocked).toBe(PRIORITY_STYLE[2].color);
    expect(BAND_FILL.starved).toBe(PRIORITY_STYLE[3].color);
    expect(Object.values(PRIORITY_STYLE).map((p) => p.color)).not.toContain(BAND_FILL.stopped);
  });

  it('jumps to the next or previous marker, moving on from one it just landed near', () => {
    const times = markerTimes({ alarms: [{ t: 300, id: 'b', priority: 1, station: 's' }, { t: 100, id: 'a', priority: 2, station: 's' }], bookmarks: [{ id: 'x', at: 5000, note: '', by: 'o' }] }, 'alarm');
    expect(times).toEqual([100, 300]);
    expect(adjacentMarker(times, 0, 1, 0)).toBe(100);
    expect(adjacentMarker(times, 100, 1, 0)).toBe(300);
    expect(adjacentMarker(times, 98, 1, 5)).toBe(300);
    expect(adjacentMarker(times, 300, 1, 0)).toBeUndefined();
    expect(adjacentMarker(times, 300, -1, 0)).toBe(100);
    expect(adjacentMarker(times, 100, -1, 0)).toBeUndefined();
    expect(markerTimes(undefined, 'bookmark')).toEqual([]);
  });

  it('offers the plant-time speeds and steps through them', () => {
    expect(SPEEDS).toEqual([1, 10, 60, 600, 'max']);
    expect(stepSpeed(1, 1)).toBe(10);
    expect(stepSpeed(600, 1)).toBe('max');
    expect(stepSpeed('max', 1)).toBe('max');
    expect(stepSpeed('max', -1)).toBe(600);
    expect(stepSpeed(1, -1)).toBe(1);
    expect(stepSpeed(30, 1)).toBe(60);
    expect(stepSpeed(30, -1)).toBe(10);
  });

  it('makes a loop from a drag in either direction, and a tiny drag a click', () => {
    expect(loopFromDrag(5000, 2000)).toEqual({ from: 2000, to: 5000 });
    expect(loopFromDrag(2000, 2400)).toBeUndefined();
  });

  it('draws close alarms as one marker of the most urgent, with the count', () => {
    const m = clusterAlarms(
      [
        { t: 0, priority: 3, station: 'a' },
        { t: 60_000, priority: 1, station: 'b' },
        { t: 4 * H, priority: 2, station: 'c' },
        { t: 9 * H, priority: 1, station: 'd' },
      ],
      shift,
      10,
    );
    expect(m).toEqual([
      { x: timeToX(shift, 60_000), t: 60_000, station: 'b', priority: 1, count: 2 },
      { x: 400, t: 4 * H, station: 'c', priority: 2, count: 1 },
    ]);
    expect(clusterAlarms([{ t: 1, priority: 9, station: 'a' }], shift)[0]?.priority).toBe(4);
  });

  it('puts axis ticks on whole local clock times, far enough apart', () => {
    const from = Date.UTC(2026, 10, 29, 22, 7);
    const ticks = axisTicks({ from, to: from + 8 * H, width: 800 }, 90, 0);
    expect(ticks[0]).toBe(Date.UTC(2026, 10, 29, 23, 0));
    expect(ticks[1]! - ticks[0]!).toBe(H);
    // UTC+8: ticks on the hour there too (that is on the hour in UTC as well), and half-hours for a wider bar.
    const wide = axisTicks({ from, to: from + 8 * H, width: 1600 }, 90, 480);
    expect(wide[1]! - wide[0]!).toBe(H / 2);
    expect((wide[0]! + 480 * 60_000) % (H / 2)).toBe(0);
    // India (UTC+5:30): on the local hour, which is half past in UTC.
    expect(new Date(axisTicks({ from, to: from + 8 * H, width: 800 }, 90, 330)[0]!).getUTCMinutes()).toBe(30);
  });

  it('zooms around the time under the pointer, inside the recording, no narrower than a minute', () => {
    const all = { from: 0, to: 8 * H };
    const inView = zoomView(all, 2 * H, 0.5, all);
    expect(inView.to - inView.from).toBe(4 * H);
    // The anchor keeps its place on the bar: a quarter of the way along before and after.
    expect((2 * H - inView.from) / (inView.to - inView.from)).toBeCloseTo(0.25);
    let v = inView;
    for (let i = 0; i < 100; i++) v = zoomView(v, 2 * H, 0.5, all);
    expect(v.to - v.from).toBe(MIN_VIEW_MS);
    for (let i = 0; i < 100; i++) v = zoomView(v, 7.9 * H, 2, all);
    expect(v).toEqual(all);
    expect(isZoomed(v, all)).toBe(false);
    expect(isZoomed(inView, all)).toBe(true);
    expect(isZoomed(undefined, all)).toBe(false);
    expect(zoomView(all, 7.9 * H, 0.25, all).to).toBeLessThanOrEqual(8 * H);
    const odd = zoomView({ from: 3, to: 8 * H - 7 }, 12_345.678, 0.8, all);
    expect([Number.isInteger(odd.from), Number.isInteger(odd.to)]).toEqual([true, true]);
    expect(clampView({ from: -H, to: H }, all)).toEqual({ from: 0, to: 2 * H });
    expect(clampView({ from: 7 * H, to: 9 * H }, all)).toEqual({ from: 6 * H, to: 8 * H });
  });

  it('pages a zoomed view on so a playing playhead stays in sight', () => {
    const all = { from: 0, to: 8 * H };
    const view = { from: H, to: 2 * H };
    expect(followView(view, 1.5 * H, all)).toBe(view);
    expect(followView(view, 2 * H + 1, all)).toEqual({ from: 2 * H + 1, to: 3 * H + 1 });
    expect(followView(view, 7.9 * H, all)).toEqual({ from: 7 * H, to: 8 * H });
    expect(followView(view, 0.5 * H, all)).toEqual({ from: 0, to: H });
  });
});
