import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { Engine } from '../core/engine';
import { loadPlantFile } from '../core/plant/load-plant';
import { PlantSimulator } from '../sim/plant-simulator';
import { applyScenario } from '../sim/scenarios';
import { LiveShiftLosses, ReportFolder, ShiftLossSource } from './shift-losses-service';
import { findCjkFont } from './shift-report-pdf';
import { ShiftLog } from '../core/losses/shift-log';
import { parsePlant } from '../core/plant/load-plant';

const MIN = 60_000;
/** 06:00 in Qingdao, shift A. */
const START = Date.UTC(2026, 0, 5, 22, 0);

describe('shift reports at a simulated shift end', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'linetwin-reports-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const plant = await loadPlantFile(join(__dirname, '../../assets/plants/tire-plant.json'));
  const clock = new ManualClock(START);
  const engine = new Engine({ plant, clock, journalDir: join(dir, 'journal') });
  const reports = new ReportFolder(join(dir, 'reports'));
  const asked: Array<[string, number]> = [];
  const live = new LiveShiftLosses(engine, reports, (line, shiftEnd) => {
    asked.push([line, shiftEnd]);
    return line === 'curing' ? [{ madeAt: START + 2 * 60 * MIN, output: { mean: 700, p10: 680, p50: 700, p90: 720 }, chanceOfTarget: 0.1 }] : [];
  });
  const sim = new PlantSimulator(
    plant,
    {
      emit(r) {
        clock.set(r.ts);
        engine.applyEvent(r);
      },
    },
    { seed: 3, start: START, randomFaults: false, metricsPeriodMs: 30_000 },
  );
  applyScenario(sim, 'fault-cascade');

  it('shows the current shift live, then writes each line’s report in both languages, HTML and PDF, once the shift has ended', async () => {
    expect(await live.check()).toEqual([]);
    sim.advanceTo(START + 4 * 60 * MIN);
    clock.set(START + 4 * 60 * MIN);
    const midShift = live.view('curing');
    expect(midShift.shift).toMatchObject({ id: 'A', start: START });
    expect(midShift.pareto[0]).toMatchObject({ station: 'XR-01', category: 'fault' });
    expect(await live.check()).toEqual([]);

    sim.advanceTo(START + 8 * 60 * MIN + MIN);
    clock.set(START + 8 * 60 * MIN + MIN);
    const written = await live.check();
    expect(written).toHaveLength(plant.lines.length * 4);
    expect(await reports.list()).toEqual(written);
    const files = await readdir(reports.dir);
    expect(files).toContain('index.json');
    const zh = written.find((e) => e.line === 'curing' && e.lang === 'zh' && e.format === 'html');
    const html = await readFile(join(reports.dir, zh?.name ?? ''), 'utf8');
    expect(html).toContain('班次报告');
    expect(html).toContain('XR-01');
    expect(html).toContain('班中预测与实际');
    expect(html).toContain('700 (680–720)');
    expect(asked).toContainEqual(['curing', START + 8 * 60 * MIN]);
    const pdf = written.find((e) => e.line === 'curing' && e.lang === 'zh' && e.format === 'pdf');
    // In Chinese with the system's CJK font (WenQuanYi here, YaHei on Windows, PingFang on macOS); in English, and saying so, without one.
    const font = findCjkFont();
    if (font) expect(pdf?.note).toBeUndefined();
    else expect(pdf?.note).toMatch(/no CJK font/);
    const file = await reports.file(pdf?.name ?? '');
    expect(file?.type).toBe('application/pdf');
    expect(file?.body.subarray(0, 5).toString()).toBe('%PDF-');
    if (font?.family) expect(file?.body.toString('latin1')).toContain(font.family);
    expect(await reports.file('../index.json')).toBeUndefined();
    // The next shift is under way: its losses start afresh.
    expect(live.view('curing').shift).toMatchObject({ id: 'B', start: START + 8 * 60 * MIN });
  });
});

describe('which shift a moment belongs to', () => {
  it('between shifts, the one that ended last', () => {
    const plant = parsePlant(
      {
        id: 'gap',
        name: { zh: '间隔', en: 'Gap' },
        uns: { prefix: 'test/gap' },
        shifts: { utcOffsetMinutes: 0, shifts: [{ id: 'D', start: '08:00', hours: 8 }] },
        lines: [{ id: 'L', name: { zh: '线', en: 'L' }, stations: [{ id: 'S', type: 't', name: { zh: 'S', en: 'S' }, position: [0, 0, 0], idealCycleSeconds: 60 }] }],
      },
      'gap.json',
    );
    const source = new ShiftLossSource(plant, new ShiftLog(plant, 0));
    const day = Date.UTC(2026, 0, 5);
    expect(source.shiftAt(day + 10 * 60 * MIN)).toEqual({ id: 'D', start: day + 8 * 60 * MIN, end: day + 16 * 60 * MIN });
    expect(source.shiftAt(day + 20 * 60 * MIN)).toEqual({ id: 'D', start: day + 8 * 60 * MIN, end: day + 16 * 60 * MIN });
    expect(source.shiftAt(day + 24 * 60 * MIN + 7 * 60 * MIN)).toEqual({ id: 'D', start: day + 8 * 60 * MIN, end: day + 16 * 60 * MIN });
  });
});

describe('a report PDF without a CJK font on the system', () => {
  it('is written in English, and the list says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'linetwin-nofont-'));
    try {
      const plant = await loadPlantFile(join(__dirname, '../../assets/plants/tire-plant.json'));
      const clock = new ManualClock(START);
      const engine = new Engine({ plant, clock });
      const live = new LiveShiftLosses(engine, new ReportFolder(join(dir, 'reports'), [{ path: join(dir, 'no-such-font.ttc') }]));
      await live.check();
      clock.set(START + 8 * 60 * MIN);
      const written = await live.check();
      const zhPdf = written.filter((e) => e.lang === 'zh' && e.format === 'pdf');
      expect(zhPdf).toHaveLength(plant.lines.length);
      for (const e of zhPdf) expect(e.note).toMatch(/no CJK font/);
      expect(written.filter((e) => e.note !== undefined)).toEqual(zhPdf);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
