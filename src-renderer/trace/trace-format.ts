import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { LotView, MetricSummary } from '../../src-main/shared/trace';
import { STRINGS, type Lang, type StringKey } from '../i18n/strings';

/**
 * Whether a visit's values left the station's alarm limits (the plant file's limit alarms on
 * that metric, line-wide and the station's own): the cure record's out-of-spec marks.
 */
export function outOfSpec(plant: PlantFile, station: string, metric: string, s: MetricSummary): boolean {
  for (const line of plant.lines) {
    const spec = line.stations.find((st) => st.id === station);
    if (!spec) continue;
    for (const rule of [...line.alarms, ...spec.alarms]) {
      if (rule.metric !== metric) continue;
      const { hh, h, l, ll } = rule.limits;
      const high = Math.min(h ?? Infinity, hh ?? Infinity);
      const low = Math.max(l ?? -Infinity, ll ?? -Infinity);
      if (s.max > high || s.min < low) return true;
    }
  }
  return false;
}

/** Quotes a CSV cell and defuses cells a spreadsheet would run as a formula (ids come from the network). */
function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** Every item and lot made with the lot, for a spreadsheet. */
export function lotCsv(view: LotView): string {
  const rows = view.items.map((i) => [i.id, i.kind, i.depth, i.verdict ?? 'open', i.reason, iso(i.madeTs), iso(i.lastTs)].map(cell).join(','));
  return `${['id', 'kind', 'depth', 'verdict', 'reason', 'made', 'last_event'].join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}

/** What a recall names: the tracked units made with the lot that were not scrapped, with where they were stored. */
export function recallList(view: LotView): string {
  const rows = view.items.filter((i) => i.routed && i.verdict !== 'scrap').map((i) => [i.id, i.kind, i.verdict ?? 'open', i.location, iso(i.madeTs)].map(cell).join(','));
  return `${['id', 'kind', 'verdict', 'location', 'made'].join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}

/** An item kind in the UI language where the app knows it (the simulator's); others as the machine sent them. */
export function kindLabel(lang: Lang, kind: string | null): string {
  if (kind === null) return '—';
  const key = `trace.kind.${kind}`;
  return Object.hasOwn(STRINGS[lang], key) ? STRINGS[lang][key as StringKey] : kind;
}
