import { describe, expect, it } from 'vitest';
import type { RecordingEntry } from '../../src-main/shared/replay';
import { exportDownloadUrl, exportRange, formatBytes, formatSpan, groupRecordings, readout, shortStamp } from './replay-format';

const H = 3_600_000;
const entry = (path: string, plantId: string, start: number, hours: number, bytes = 1000): RecordingEntry => ({
  path,
  plantId,
  plantName: { zh: plantId === 'tire' ? '轮胎厂' : '家电厂', en: plantId === 'tire' ? 'Tire plant' : 'Appliance plant' },
  start,
  end: start + hours * H,
  segments: 1,
  bytes,
  source: 'live',
});

describe('recordings browser model', () => {
  it('groups sessions by plant, newest first, with the span and size of each plant', () => {
    const groups = groupRecordings([entry('a', 'tire', 0, 8, 10), entry('b', 'appliance', 5 * H, 1), entry('c', 'tire', 8 * H, 8, 20)], 'en');
    expect(groups.map((g) => g.plantName)).toEqual(['Appliance plant', 'Tire plant']);
    const tire = groups[1]!;
    expect(tire.entries.map((e) => e.path)).toEqual(['c', 'a']);
    expect([tire.start, tire.end, tire.bytes]).toEqual([0, 16 * H, 30]);
    expect(groupRecordings([], 'zh')).toEqual([]);
  });

  it('exports the loop when there is one, else the range the timeline shows, by the host download URL', () => {
    expect(exportRange({ start: 0, end: 10, loop: { from: 2, to: 4 } }, { from: 1, to: 9 })).toEqual({ from: 2, to: 4, what: 'loop' });
    expect(exportRange({ start: 0, end: 10 }, { from: 1, to: 9 })).toEqual({ from: 1, to: 9, what: 'view' });
    expect(exportRange({ start: 0, end: 10 }, { from: 0, to: 10 })).toEqual({ from: 0, to: 10, what: 'whole' });
    expect(exportRange({ start: 0, end: 10 }, undefined)).toEqual({ from: 0, to: 10, what: 'whole' });
    expect(exportDownloadUrl({ from: 1.4, to: 99.6 })).toBe('/api/recordings/export?from=1&to=100');
  });

  it('writes spans and sizes a person reads at a glance', () => {
    const units = { h: 'h', min: 'min', s: 's' };
    expect(formatSpan(8 * H + 5 * 60_000, units)).toBe('8 h 05 min');
    expect(formatSpan(4 * 60_000 + 12_000, units)).toBe('4 min 12 s');
    expect(formatSpan(-5, units)).toBe('—');
    expect(formatSpan(90_000, { h: '小时', min: '分', s: '秒' })).toBe('1 分 30 秒');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MiB');
    expect(formatBytes(700 * 1024 * 1024)).toBe('700 MiB');
  });

  it('reads the time out on a 24-hour clock in both languages', () => {
    const t = Date.UTC(2026, 10, 30, 15, 4, 5);
    expect(readout(t, 'en', 'UTC').time).toBe('15:04:05');
    expect(readout(t, 'zh', 'UTC').time).toBe('15:04:05');
    expect(readout(t, 'en', 'UTC').date).toContain('2026');
    expect(readout(t, 'zh', 'UTC').date).toContain('11月30日');
  });

  it('a session without an end (still being written) or with bad numbers shows dashes, never throws', () => {
    const open = { ...entry('live', 'tire', 8 * H, 1), end: null as unknown as number };
    const groups = groupRecordings([entry('a', 'tire', 0, 8), open], 'en');
    expect([groups[0]?.start, groups[0]?.end]).toEqual([0, 8 * H]);
    expect(groups[0]?.entries.map((e) => e.path)).toEqual(['live', 'a']);
    expect(shortStamp(open.end, 'en')).toBe('—');
    expect(formatSpan(open.end - open.start, { h: 'h', min: 'min', s: 's' })).toBe('—');
    expect(readout(Number.NaN, 'zh').time).toBe('—');
  });
});
