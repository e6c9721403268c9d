import type { PlantFile } from '../../../src-main/shared/plant-schema';
import type { LineView, StationKpiView } from '../../../src-main/shared/views';
import { type Lang, STRINGS, type StringKey } from '../../i18n/strings';

/** The station type in the UI language; unknown types show as their id. */
export function typeName(lang: Lang, type: string): string {
  const key = `type.${type}`;
  return key in STRINGS[lang] ? STRINGS[lang][key as StringKey] : type;
}

/** A process value's name and unit from the plant file in the UI language; unknown metrics show their raw key. */
export function metricLabel(plant: Pick<PlantFile, 'metrics'>, key: string, lang: Lang): { name: string; unit: string } {
  const label = Object.hasOwn(plant.metrics ?? {}, key) ? plant.metrics?.[key] : undefined;
  return label ? { name: label[lang], unit: label.unit ?? '' } : { name: key, unit: '' };
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** A rate, or "—" where the engine cannot tell one yet (null). */
/** A process value as the inspector and the item card show it: whole numbers as they are, others to two decimals. */
export const formatMetric = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

export function formatRate(perHour: number | null | undefined): string {
  if (perHour === undefined || perHour === null) return '—';
  if (perHour === 0) return '0';
  return perHour >= 10 ? String(Math.round(perHour)) : perHour.toFixed(1);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * A line's OEE, or "—" while it is not known (no output this shift, too short a span to tell
 * the performance, or the data flagged as faulty): 0 % would read as a stopped line.
 */
export function oeeText(line: Pick<LineView, 'oee' | 'good' | 'reject'>): string {
  return line.good + line.reject > 0 ? pct(line.oee.value) : '—';
}

/** A line's OEE as a banner or panel shows it: flagged, not a number, while its data is faulty. */
export function oeeFigure(line: Pick<LineView, 'oee' | 'good' | 'reject' | 'dataQuality'>, faultText: string): string {
  return line.dataQuality ? `⚠ ${faultText}` : oeeText(line);
}

/** The engine's KPIs of one station (its rate is the one the line's figures add up). */
export function stationKpi(lines: Record<string, LineView>, id: string): StationKpiView | undefined {
  for (const line of Object.values(lines)) {
    const view = line.stations?.[id];
    if (view) return view;
  }
  return undefined;
}
