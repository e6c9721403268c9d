import type { ForecastAssumption, ForecastView, LineForecast, StationCalibration } from '../../src-main/shared/forecast';
import type { StringKey } from '../i18n/strings';

type T = (key: StringKey) => string;

const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/** "forecast 842 (815–866), target 880, 12 % chance": the line's shift-end forecast in one phrase. */
export function forecastPhrase(lf: LineForecast, t: T): string {
  const band = fill(t('forecast.phrase'), { mean: Math.round(lf.output.mean), p10: Math.round(lf.output.p10), p90: Math.round(lf.output.p90) });
  if (lf.target === undefined || lf.chanceOfTarget === undefined) return band;
  return `${band}${fill(t('forecast.phraseTarget'), { target: lf.target, chance: Math.round(lf.chanceOfTarget * 100) })}`;
}

/** Horizon, replications and why a forecast may be thin: what it rests on. */
export function forecastBasis(v: ForecastView, t: T, time: (ms: number) => string): string {
  const basis = fill(t('forecast.basis'), { from: time(v.madeAt), to: time(v.horizonEnd), n: v.replications });
  const notes = [...(v.thinData ? [`⚠ ${t(`forecast.thin.${v.thinData}`)}`] : []), ...(v.slowedForIngest ? [t('forecast.slowed')] : [])];
  return [basis, ...notes].join(' · ');
}

export function assumptionText(a: ForecastAssumption, t: T): string {
  return fill(t(`forecast.assume.${a.code}`), { n: a.count ?? '' });
}

const HOUR = 3_600_000;

/** The back-test's error at the hour of the shift this forecast was made in (the nearest it measured). */
export function measuredErrorText(v: ForecastView, t: T, date: (ms: number) => string): string {
  const m = v.measuredError;
  if (!m || m.byHour.length === 0) return t('forecast.measuredNone');
  const hour = v.shiftStart === undefined ? 1 : (v.madeAt - v.shiftStart) / HOUR;
  const at = m.byHour.reduce((best, h) => (Math.abs(h.hour - hour) < Math.abs(best.hour - hour) ? h : best));
  return fill(t('forecast.measured'), { date: date(m.recordingStart), pct: (at.meanAbsErrorShare * 100).toFixed(1), hour: at.hour, band: Math.round(at.inBandShare * 100) });
}

const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** The station's forecast model, each figure with its prior and the observations it rests on. */
export function modelLines(c: StationCalibration, t: T): string[] {
  return [
    fill(t('forecast.model.cycle'), { value: fixed(c.cycleFactor.value, 2), n: c.cycleFactor.n }),
    fill(t('forecast.model.mtbf'), { value: fixed(c.mtbfH.value, 1), prior: fixed(c.mtbfH.prior, 0), n: c.mtbfH.n, hours: fixed(c.mtbfH.observedH, 1) }),
    fill(t('forecast.model.mttr'), { value: fixed(c.mttrMin.value, 1), prior: fixed(c.mttrMin.prior, 0), n: c.mttrMin.n }),
  ];
}

/** A signed difference in units: "+12", "−30", "±0". */
export function signedUnits(d: number): string {
  const r = Math.round(d);
  return r > 0 ? `+${r}` : r < 0 ? `−${-r}` : '±0';
}
