import { describe, expect, it } from 'vitest';
import type { LossesView } from '../../shared/losses';
import { parsePlant } from '../plant/load-plant';
import { oeeOfWaterfall, reportHtml, shiftReport } from './shift-report';

const MIN = 60_000;
const plant = parsePlant(
  {
    id: 'r',
    name: { zh: '报告厂', en: 'Report plant' },
    uns: { prefix: 'test/r' },
    lines: [{ id: 'L', name: { zh: '一线', en: 'Line one' }, stations: [{ id: 'S', type: 't', name: { zh: '设备', en: 'Machine' }, position: [0, 0, 0], idealCycleSeconds: 60 }] }],
  },
  'r.json',
);

/** 480 min: 30 planned, 45 fault, run 405 min for 380 units of which 370 good. */
const losses: LossesView = {
  plantId: 'r',
  line: 'L',
  shift: { id: 'A', start: 0, end: 480 * MIN },
  to: 480 * MIN,
  waterfall: {
    calendarMs: 480 * MIN,
    outputStations: 1,
    calendarUnits: 480,
    steps: [
      { category: 'planned', reason: 'break', ms: 30 * MIN, units: 30, bottleneckMinutes: 30 },
      { category: 'fault', reason: '<script>alert(1)</script>', ms: 45 * MIN, units: 45, bottleneckMinutes: 45 },
      { category: 'performance', reason: '', ms: 25 * MIN, units: 25, bottleneckMinutes: 25 },
      { category: 'quality', reason: 'S', ms: 10 * MIN, units: 10, bottleneckMinutes: 10 },
    ],
    produced: 380,
    good: 370,
    target: 400,
    expectedByNow: 400,
    bottleneckCycleMs: MIN,
  },
  pareto: [{ station: 'S', line: 'L', category: 'fault', reason: '<script>alert(1)</script>', lostUnits: 45, lostMinutes: 45, occurrences: 2, ambiguous: false, firstStart: 60 * MIN }],
  bottleneck: { periods: [], main: null, shifting: false },
  dropped: 0,
};
const alarms = { byPriority: { 1: 1, 2: 2, 3: 3, 4: 4 } as const, activations: 10, floods: 1, chattering: 0, badActors: [] };

describe('the shift report', () => {
  it('takes OEE and its factors from the waterfall (ISO 22400)', () => {
    const oee = oeeOfWaterfall(losses);
    expect(oee.availability).toBeCloseTo(405 / 450, 9);
    expect(oee.performance).toBeCloseTo(380 / 405, 9);
    expect(oee.quality).toBeCloseTo(370 / 380, 9);
    expect(oee.value).toBeCloseTo(370 / 450, 9);
  });

  it('renders both languages with output against target and the root causes, machine text escaped', () => {
    const report = shiftReport(plant, losses, alarms, 480 * MIN);
    const zh = reportHtml(report, 'zh');
    const en = reportHtml(report, 'en');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('班次报告 — 报告厂 / 一线 / 班次 A');
    expect(zh).toContain('计划停机: 休息');
    expect(en).toContain('Shift report — Report plant / Line one / Shift A');
    expect(en).toContain('Machine (S)');
    expect(en).toContain('-30 units');
    for (const html of [zh, en]) {
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;');
    }
  });

  it('sets the forecasts made during the shift against its good output, and leaves the section out without them', () => {
    const forecasts = [
      { madeAt: 120 * MIN, output: { mean: 392.4, p10: 380, p50: 392, p90: 405 }, chanceOfTarget: 0.3 },
      { madeAt: 360 * MIN, output: { mean: 371, p10: 366, p50: 371, p90: 377 }, chanceOfTarget: 0 },
    ];
    const en = reportHtml(shiftReport(plant, losses, alarms, 480 * MIN, forecasts), 'en');
    expect(en).toContain('Forecasts during the shift against the outcome');
    expect(en).toContain('<td class="n">392 (380–405)</td><td class="n">30.0 %</td><td class="n">+22</td>');
    expect(en).toContain('<td class="n">371 (366–377)</td><td class="n">0.0 %</td><td class="n">+1</td>');
    expect(reportHtml(shiftReport(plant, losses, alarms, 480 * MIN, forecasts), 'zh')).toContain('班中预测与实际');
    expect(reportHtml(shiftReport(plant, losses, alarms, 480 * MIN), 'en')).not.toContain('Forecasts during the shift');
  });

  it('names a bank (line/type) by its machines, and a slow cycle without repeating the type', () => {
    const slow: LossesView = {
      ...losses,
      pareto: [{ station: 'L/t', line: 'L', category: 'slow', reason: 't', lostUnits: 5, lostMinutes: 5, occurrences: 1, ambiguous: false, firstStart: 0 }],
      bottleneck: { periods: [], main: { bank: 'L/t', stations: ['S'], share: 0.9 }, shifting: false },
    };
    const en = reportHtml(shiftReport(plant, slow, alarms, 480 * MIN), 'en');
    expect(en).toContain('<td>Machine (L/t)</td><td>Slow cycle</td>');
    expect(en).toContain('Machine (90.0 %)');
    expect(reportHtml(shiftReport(plant, slow, alarms, 480 * MIN), 'zh')).toContain('设备 (90.0 %)');
  });
});

