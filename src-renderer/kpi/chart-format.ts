import { LOCALE } from '../i18n/strings';

/**
 * Labels of the KPI trend chart: 24-hour clock times, dates in the UI language's own form, and
 * legend values that show the newest point when the pointer is not on the chart.
 */
export type ChartLang = 'zh' | 'en';

function parts(ms: number, lang: ChartLang, timeZone: string | undefined): { time: string; date: string; day: string } {
  const d = new Date(ms);
  const time = new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
  const date = new Intl.DateTimeFormat(LOCALE[lang], lang === 'zh' ? { month: 'long', day: 'numeric', timeZone } : { day: 'numeric', month: 'short', timeZone }).format(d);
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);
  return { time, date, day };
}

/** Tick labels for times in ms: "08:30"; the first tick and the first of each new day carry the date above it. */
export function timeTickLabels(ticksMs: readonly number[], lang: ChartLang, timeZone?: string): string[] {
  let lastDay: string | undefined;
  return ticksMs.map((ms) => {
    const { time, date, day } = parts(ms, lang, timeZone);
    const label = day === lastDay ? time : `${time}\n${date}`;
    lastDay = day;
    return label;
  });
}

/** The time of a point in the legend: "30 Nov 08:47" / "11月30日 08:47"; "—" when there is none. */
export function legendTime(ms: number | null | undefined, lang: ChartLang, timeZone?: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const { time, date } = parts(ms, lang, timeZone);
  return `${date} ${time}`;
}

/** A value in the legend, whole units or a percentage with one decimal; "—" for a gap. */
export function legendValue(v: number | null | undefined, unit: '' | '%'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return unit === '%' ? `${v.toFixed(1)}%` : String(Math.round(v));
}

/** The newest point of a series: what the legend shows while the pointer is elsewhere. */
export function lastIndex(values: ArrayLike<unknown>): number | null {
  return values.length > 0 ? values.length - 1 : null;
}
