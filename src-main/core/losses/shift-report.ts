import { bankName } from '../../shared/bank-name';
import type { ForecastCheckpoint } from '../../shared/forecast';
import type { LossesView, RootCauseRow, WaterfallStep } from '../../shared/losses';
import type { PlantFile } from '../../shared/plant-schema';
import type { AlarmSummary } from './alarm-summary';

export type ReportLang = 'zh' | 'en';

/** What a shift report says, in numbers; rendered as HTML and PDF in either language. */
export interface ShiftReport {
  plantName: { zh: string; en: string };
  lineName: { zh: string; en: string };
  stationNames: Record<string, { zh: string; en: string }>;
  losses: LossesView;
  oee: { availability: number; performance: number; quality: number; value: number };
  alarms: AlarmSummary;
  /** What the forecast said during the shift, hour by hour (none where it did not run). */
  forecasts: ForecastCheckpoint[];
  /** Clock time the report was made. */
  madeAt: number;
  utcOffsetMinutes: number;
}

export const TOP_CAUSES = 5;

/** ISO 22400 factors from the waterfall: planned time less planned stops, run time, output, good output. */
export function oeeOfWaterfall(losses: LossesView): ShiftReport['oee'] {
  const w = losses.waterfall;
  const sum = (pred: (s: WaterfallStep) => boolean): number => w.steps.filter(pred).reduce((a, s) => a + s.units, 0);
  const planned = w.calendarUnits - sum((s) => s.category === 'planned');
  const run = planned - sum((s) => s.category !== 'planned' && s.category !== 'performance' && s.category !== 'quality');
  const availability = planned > 0 ? run / planned : 0;
  const performance = run > 0 ? w.produced / run : 0;
  const quality = w.produced > 0 ? w.good / w.produced : 0;
  return { availability, performance, quality, value: availability * performance * quality };
}

export function shiftReport(plant: PlantFile, losses: LossesView, alarms: AlarmSummary, madeAt: number, forecasts: ForecastCheckpoint[] = []): ShiftReport {
  const line = plant.lines.find((l) => l.id === losses.line);
  const stationNames: ShiftReport['stationNames'] = {};
  for (const l of plant.lines) for (const s of l.stations) stationNames[s.id] = s.name;
  // A bank of parallel machines too slow as a whole, or the bottleneck, is keyed `line/type`.
  for (const key of [...losses.pareto.map((c) => c.station), ...(losses.bottleneck.main ? [losses.bottleneck.main.bank] : [])]) {
    stationNames[key] ??= { zh: bankName(key, plant, 'zh'), en: bankName(key, plant, 'en') };
  }
  return {
    plantName: plant.name,
    lineName: line?.name ?? { zh: losses.line, en: losses.line },
    stationNames,
    losses,
    oee: oeeOfWaterfall(losses),
    alarms,
    forecasts,
    madeAt,
    utcOffsetMinutes: plant.shifts.utcOffsetMinutes,
  };
}

const TEXT = {
  zh: {
    title: '班次报告',
    shift: '班次',
    period: '时间',
    output: '产量',
    target: '目标',
    good: '合格品',
    gap: '与目标差',
    oee: 'OEE',
    availability: '时间开动率',
    performance: '性能开动率',
    quality: '合格品率',
    waterfall: '损失瀑布',
    step: '项目',
    minutes: '分钟',
    units: '件',
    bottleneckMinutes: '瓶颈分钟',
    calendar: '班次时间',
    causes: '前五位根本原因',
    station: '设备',
    reason: '原因',
    lost: '损失件数',
    lostMin: '损失分钟',
    times: '次数',
    forecasts: '班中预测与实际',
    forecastMade: '预测时间',
    forecast: '预测合格品 (P10–P90)',
    chance: '达标概率',
    forecastOff: '与实际差',
    ambiguous: '与其他原因同时发生，已分摊',
    alarms: '报警统计',
    priority: '优先级',
    activations: '报警次数',
    floods: '报警泛滥',
    chattering: '抖动报警',
    badActors: '最频繁报警',
    bottleneck: '瓶颈',
    shifting: '瓶颈漂移',
    made: '生成时间',
    none: '无',
    planned: { break: '休息', 'off-shift': '无排班', maintenance: '计划维护窗口' } as Record<string, string>,
    categories: { planned: '计划停机', fault: '故障', maintenance: '换型/维护', starved: '待料', blocked: '堵料', idle: '空闲', 'no-data': '无数据', performance: '速度损失', quality: '质量损失', slow: '节拍慢' },
  },
  en: {
    title: 'Shift report',
    shift: 'Shift',
    period: 'Period',
    output: 'Output',
    target: 'Target',
    good: 'Good',
    gap: 'Against target',
    oee: 'OEE',
    availability: 'Availability',
    performance: 'Performance',
    quality: 'Quality',
    waterfall: 'Loss waterfall',
    step: 'Item',
    minutes: 'min',
    units: 'units',
    bottleneckMinutes: 'Bottleneck min',
    calendar: 'Shift time',
    causes: 'Top 5 root causes',
    station: 'Station',
    reason: 'Reason',
    lost: 'Lost units',
    lostMin: 'Lost min',
    times: 'Occurrences',
    forecasts: 'Forecasts during the shift against the outcome',
    forecastMade: 'Made at',
    forecast: 'Good output forecast (P10–P90)',
    chance: 'Chance of target',
    forecastOff: 'Off by',
    ambiguous: 'coincided with another cause; split',
    alarms: 'Alarms',
    priority: 'Priority',
    activations: 'Activations',
    floods: 'Floods',
    chattering: 'Chattering',
    badActors: 'Top bad actors',
    bottleneck: 'Bottleneck',
    shifting: 'shifting bottleneck',
    made: 'Made',
    none: 'none',
    planned: { break: 'break', 'off-shift': 'no shift planned', maintenance: 'planned maintenance window' } as Record<string, string>,
    categories: { planned: 'Planned stop', fault: 'Fault', maintenance: 'Changeover/maintenance', starved: 'Starved', blocked: 'Blocked', idle: 'Idle', 'no-data': 'No data', performance: 'Speed loss', quality: 'Quality loss', slow: 'Slow cycle' },
  },
} as const;

export type ReportText = (typeof TEXT)[ReportLang];

export function reportText(lang: ReportLang): ReportText {
  return TEXT[lang];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A time in the plant's local time, as the plant reads it. */
export function localTime(t: number, utcOffsetMinutes: number): string {
  const d = new Date(t + utcOffsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const percent = (v: number): string => `${(v * 100).toFixed(1)} %`;
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** Rows of the report's tables, in the report's language: shared by the HTML and the PDF. */
export function reportRows(r: ShiftReport, lang: ReportLang) {
  const t = TEXT[lang];
  const w = r.losses.waterfall;
  const stepLabel = (s: { category: keyof ReportText['categories']; reason: string }): string => {
    const reason = s.category === 'quality' ? (r.stationNames[s.reason]?.[lang] ?? s.reason) : s.category === 'planned' ? (t.planned[s.reason] ?? s.reason) : s.reason;
    return reason ? `${t.categories[s.category]}: ${reason}` : t.categories[s.category];
  };
  const header = [
    [t.shift, `${r.losses.shift.id}`],
    [t.period, `${localTime(r.losses.shift.start, r.utcOffsetMinutes)} – ${localTime(r.losses.shift.end, r.utcOffsetMinutes)}`],
    [t.output, `${w.produced} ${t.units}`],
    [t.good, `${w.good} ${t.units}`],
    [t.target, w.target === null ? t.none : `${w.target} ${t.units}`],
    [t.gap, w.target === null ? t.none : `${w.good - w.target} ${t.units}`],
    [t.oee, percent(r.oee.value)],
    [t.availability, percent(r.oee.availability)],
    [t.performance, percent(r.oee.performance)],
    [t.quality, percent(r.oee.quality)],
    [t.bottleneck, r.losses.bottleneck.main ? `${r.stationNames[r.losses.bottleneck.main.bank]?.[lang] ?? r.losses.bottleneck.main.bank} (${percent(r.losses.bottleneck.main.share)})${r.losses.bottleneck.shifting ? `, ${t.shifting}` : ''}` : t.none],
  ];
  // Minutes of the line: output station time over the number of output stations (a press bank's 24 presses make one line).
  const lineMinutes = (ms: number): string => (ms / Math.max(1, w.outputStations) / 60_000).toFixed(1);
  const waterfall: Array<[string, string, string, string]> = [
    [t.calendar, lineMinutes(w.calendarMs), w.calendarUnits.toFixed(1), ''],
    ...w.steps.map((s): [string, string, string, string] => [stepLabel(s), lineMinutes(s.ms), (-s.units).toFixed(1), (-s.bottleneckMinutes).toFixed(1)]),
    [t.good, '', String(w.good), ''],
  ];
  const causes = r.losses.pareto.slice(0, TOP_CAUSES).map((c: RootCauseRow) => [
    `${r.stationNames[c.station]?.[lang] ?? c.station} (${c.station})`,
    // A slow cycle's reason is the machine type the station column already names.
    `${t.categories[c.category]}${c.reason && c.category !== 'slow' ? `: ${c.category === 'planned' ? (t.planned[c.reason] ?? c.reason) : c.reason}` : ''}${c.ambiguous ? ` — ${t.ambiguous}` : ''}`,
    c.lostUnits.toFixed(1),
    c.lostMinutes.toFixed(1),
    String(c.occurrences),
  ]);
  const a = r.alarms;
  const alarms = [
    [`${t.priority} 1 / 2 / 3 / 4`, `${a.byPriority[1]} / ${a.byPriority[2]} / ${a.byPriority[3]} / ${a.byPriority[4]}`],
    [t.activations, String(a.activations)],
    [t.floods, String(a.floods)],
    [t.chattering, String(a.chattering)],
    [t.badActors, a.badActors.length === 0 ? t.none : a.badActors.map((b) => `${b.station} ${b.id} ×${b.count}`).join(', ')],
  ];
  const forecasts = r.forecasts.map((f) => [
    localTime(f.madeAt, r.utcOffsetMinutes),
    `${Math.round(f.output.mean)} (${Math.round(f.output.p10)}–${Math.round(f.output.p90)})`,
    f.chanceOfTarget === undefined ? t.none : percent(f.chanceOfTarget),
    signed(Math.round(f.output.mean) - w.good),
  ]);
  return { header, waterfall, causes, alarms, forecasts };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: ReadonlySet<number>): string {
  const cell = (tag: string, v: string, i: number): string => `<${tag}${numeric.has(i) ? ' class="n"' : ''}>${escapeHtml(v)}</${tag}>`;
  const thead = head.some((h) => h !== '') ? `<thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>` : '';
  return `<table>${thead}<tbody>${rows.map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The report as one self-contained HTML page (no scripts, no downloads) that prints on A4. */
export function reportHtml(r: ShiftReport, lang: ReportLang): string {
  const t = TEXT[lang];
  const rows = reportRows(r, lang);
  const title = `${t.title} — ${r.plantName[lang]} / ${r.lineName[lang]} / ${t.shift} ${r.losses.shift.id}`;
  const css = `
body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","Noto Sans CJK SC",Arial,sans-serif;color:#222;margin:24px;font-size:12px}
h1{font-size:18px;margin:0 0 4px}h2{font-size:14px;margin:18px 0 6px;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;page-break-inside:avoid}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left}
th{background:#e8e8e8}.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#555}
@page{size:A4;margin:14mm}@media print{body{margin:0}h2{page-break-after:avoid}}`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(`${t.made}: ${localTime(r.madeAt, r.utcOffsetMinutes)}`)}</p>
${table(['', ''], rows.header, new Set([1]))}
<h2>${escapeHtml(t.waterfall)}</h2>
${table([t.step, t.minutes, t.units, t.bottleneckMinutes], rows.waterfall, new Set([1, 2, 3]))}
<h2>${escapeHtml(t.causes)}</h2>
${table([t.station, t.reason, t.lost, t.lostMin, t.times], rows.causes, new Set([2, 3, 4]))}
<h2>${escapeHtml(t.alarms)}</h2>
${table(['', ''], rows.alarms, new Set())}
${rows.forecasts.length === 0 ? '' : `<h2>${escapeHtml(t.forecasts)}</h2>\n${table([t.forecastMade, t.forecast, t.chance, t.forecastOff], rows.forecasts, new Set([1, 2, 3]))}`}
</body></html>
`;
}
