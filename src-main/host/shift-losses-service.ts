import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ForecastCheckpoint } from '../shared/forecast';
import type { LossesView, ReportEntry, ShiftRef } from '../shared/losses';
import type { PlantFile } from '../shared/plant-schema';
import type { Engine } from '../core/engine';
import { ShiftCalendar } from '../core/kpi/shift-calendar';
import { stopWindows } from '../core/kpi/shift-stops';
import { alarmSummary } from '../core/losses/alarm-summary';
import { plantFlowGraph, type FlowGraph } from '../core/losses/flow-graph';
import { ShiftLog } from '../core/losses/shift-log';
import { analyseShift, lineLosses } from '../core/losses/shift-losses';
import { reportHtml, shiftReport, type ReportLang } from '../core/losses/shift-report';
import { CJK_FONTS, reportPdf, type FontFile } from './shift-report-pdf';

const LANGS: readonly ReportLang[] = ['zh', 'en'];
const DAY = 24 * 3_600_000;
const INDEX = 'index.json';
/** A report's file name: letters, digits, dot, dash and underscore only, so a name from a URL can be no path. */
const REPORT_NAME = /^[A-Za-z0-9_.-]+\.(html|pdf)$/;

const safe = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');
const compactTime = (t: number): string => new Date(t).toISOString().slice(0, 16).replace(/[-:]/g, '');

/** The losses of a plant's shifts from a shift log: the current or any shift the log covers. */
export class ShiftLossSource {
  private readonly graph: FlowGraph;
  private readonly calendar: ShiftCalendar;

  constructor(
    readonly plant: PlantFile,
    readonly log: ShiftLog,
  ) {
    this.graph = plantFlowGraph(plant);
    this.calendar = new ShiftCalendar(plant.shifts);
  }

  /** The shift that holds `t`; between shifts, the one that ended last. */
  shiftAt(t: number): ShiftRef {
    const s = this.calendar.shiftAt(t);
    if (s) return s;
    // Between shifts `t` lies in an off-shift window, which begins where the last shift ended.
    const gap = stopWindows(this.plant.shifts, t - DAY, t + 1).find((w) => w.kind === 'off-shift' && w.start <= t && t < w.end);
    return (gap && this.calendar.shiftAt(gap.start - 1)) ?? { id: '-', start: t, end: t };
  }

  view(line: string, shift: ShiftRef, to: number): LossesView {
    return lineLosses(analyseShift(this.plant, this.graph, this.log, shift, to), line);
  }

  /** Every line's losses of one shift, the plant analysed once. */
  views(shift: ShiftRef, to: number): LossesView[] {
    const analysis = analyseShift(this.plant, this.graph, this.log, shift, to);
    return this.plant.lines.map((l) => lineLosses(analysis, l.id));
  }
}

/** The reports folder: each shift's reports per line and language, and an index of them. */
/** What the forecast said of a line during the shift ending at `shiftEnd`, hour by hour. */
export type ForecastsOf = (line: string, shiftEnd: number) => ForecastCheckpoint[];

export class ReportFolder {
  constructor(
    readonly dir: string,
    /** Where CJK fonts are looked for (the system's known places unless told). */
    private readonly fonts: readonly FontFile[] = CJK_FONTS,
  ) {}

  async list(): Promise<ReportEntry[]> {
    try {
      const entries = JSON.parse(await readFile(join(this.dir, INDEX), 'utf8')) as ReportEntry[];
      return Array.isArray(entries) ? entries : [];
    } catch {
      return [];
    }
  }

  /** The file of a listed report, or undefined for a name that is not one. */
  async file(name: string): Promise<{ body: Buffer; type: string } | undefined> {
    if (!REPORT_NAME.test(name) || !(await this.list()).some((e) => e.name === name)) return undefined;
    const body = await readFile(join(this.dir, name)).catch(() => undefined);
    return body && { body, type: name.endsWith('.pdf') ? 'application/pdf' : 'text/html; charset=utf-8' };
  }

  /** Writes the HTML and PDF report of each line's losses of a shift, in both languages. */
  async write(plant: PlantFile, views: LossesView[], engine: Engine, forecasts: ForecastsOf = () => []): Promise<ReportEntry[]> {
    await mkdir(this.dir, { recursive: true });
    const journal = (await engine.journal?.read()) ?? [];
    const written: ReportEntry[] = [];
    for (const losses of views) {
      const line = plant.lines.find((l) => l.id === losses.line);
      const stations = new Set(line?.stations.map((s) => s.id) ?? []);
      const report = shiftReport(plant, losses, alarmSummary(journal, losses.shift.start, losses.shift.end, stations), engine.clock.now(), forecasts(losses.line, losses.shift.end));
      const base = `${safe(plant.id)}_${safe(losses.line)}_${compactTime(losses.shift.start)}_${safe(losses.shift.id)}`;
      for (const lang of LANGS) {
        const html = `${base}_${lang}.html`;
        await writeFile(join(this.dir, html), reportHtml(report, lang));
        written.push(await this.entry(html, losses, lang, 'html'));
        const pdf = await reportPdf(report, lang, this.fonts);
        const pdfName = `${base}_${lang}.pdf`;
        await writeFile(join(this.dir, pdfName), pdf.pdf);
        written.push(await this.entry(pdfName, losses, lang, 'pdf', pdf.lang === lang ? undefined : 'no CJK font found on this system: written in English'));
      }
    }
    const kept = (await this.list()).filter((e) => !written.some((w) => w.name === e.name));
    await writeFile(join(this.dir, INDEX), JSON.stringify([...kept, ...written], null, 1));
    return written;
  }

  private async entry(name: string, losses: LossesView, lang: ReportLang, format: 'html' | 'pdf', note?: string): Promise<ReportEntry> {
    const { size } = await stat(join(this.dir, name));
    return { name, line: losses.line, shift: losses.shift, lang, format, bytes: size, ...(note ? { note } : {}) };
  }
}

/**
 * Loss analysis of the live engine: its events go into a shift log from the moment it starts;
 * when the engine's clock passes a shift's end, that shift's reports are written and the log
 * keeps only the shift before the current one.
 */
export class LiveShiftLosses {
  readonly source: ShiftLossSource;
  private shift: ShiftRef | undefined;
  private writing = Promise.resolve<ReportEntry[]>([]);

  constructor(
    private readonly engine: Engine,
    private readonly reports: ReportFolder | undefined,
    private readonly forecasts: ForecastsOf = () => [],
  ) {
    const log = new ShiftLog(engine.plant, engine.clock.now(), (n) => engine.counters.dropped.add('losses-shift-log', n));
    engine.onEvent((e) => log.onEvent(e));
    this.source = new ShiftLossSource(engine.plant, log);
    this.shift = new ShiftCalendar(engine.plant.shifts).shiftAt(engine.clock.now());
  }

  /** A line's losses of the current shift up to now, or of the shift holding `at`. */
  view(line: string, at?: number): LossesView {
    const now = this.engine.clock.now();
    return this.source.view(line, this.source.shiftAt(Math.min(at ?? now, now)), now);
  }

  /** Called every few seconds: writes the reports of a shift that has ended since the last call. */
  check(): Promise<ReportEntry[]> {
    const now = this.engine.clock.now();
    const ended = this.shift && this.shift.end <= now ? this.shift : undefined;
    if (this.shift === undefined || ended) this.shift = new ShiftCalendar(this.engine.plant.shifts).shiftAt(now);
    if (!ended) return this.writing;
    const views = this.source.views(ended, ended.end);
    this.source.log.trimBefore(ended.start);
    const reports = this.reports;
    this.writing = this.writing.then(() => (reports ? reports.write(this.engine.plant, views, this.engine, this.forecasts) : []));
    return this.writing;
  }
}
