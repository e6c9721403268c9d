import { type Lang, STRINGS, type StringKey } from '../../i18n/strings';

/** The station type in the UI language; unknown types show as their id. */
export function typeName(lang: Lang, type: string): string {
  const key = `type.${type}`;
  return key in STRINGS[lang] ? STRINGS[lang][key as StringKey] : type;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

export function formatRate(perHour: number | undefined): string {
  if (perHour === undefined) return '—';
  return perHour >= 10 ? String(Math.round(perHour)) : perHour.toFixed(1);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const pct = (v: number): string => `${Math.round(v * 100)}%`;
