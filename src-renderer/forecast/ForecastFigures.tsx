import type { ForecastView, LineForecast } from '../../src-main/shared/forecast';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { assumptionText, forecastBasis, forecastPhrase, measuredErrorText } from './forecast-format';
import { useForecastStore } from './forecast-store';
import { plantClock, usePlantTimeZone } from '../i18n/plant-time';
import { LOCALE } from '../i18n/strings';

export const clockTime = (lang: 'zh' | 'en', timeZone: string | undefined) => (ms: number): string => plantClock(ms, lang, timeZone, false);

/** What a forecast rests on: horizon, replications, thin-data warning and assumptions. */
export function ForecastBasis({ view }: { view: ForecastView }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  return (
    <details className="forecast-basis" data-testid="forecast-basis">
      <summary className={view.thinData ? 'status-warn' : undefined}>{forecastBasis(view, t, clockTime(lang, timeZone))}</summary>
      <ul>
        {view.assumptions.map((a) => (
          <li key={a.code}>{assumptionText(a, t)}</li>
        ))}
        <li data-testid="forecast-measured-error">{measuredErrorText(view, t, (ms) => new Date(ms).toLocaleDateString(LOCALE[lang], { timeZone }))}</li>
      </ul>
    </details>
  );
}

function Behind({ lf }: { lf: LineForecast }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  if (lf.fallsBehindAt === undefined) return null;
  return (
    <>
      <dt>{t('forecast.behind')}</dt>
      <dd className={lf.fallsBehindAt !== null ? 'status-warn' : undefined}>{lf.fallsBehindAt === null ? t('forecast.behindNever') : clockTime(lang, timeZone)(lf.fallsBehindAt)}</dd>
    </>
  );
}

/** The line's shift forecast in the KPI panel: the phrase, the expected bottleneck, when it falls behind, and its basis. */
export function ForecastFigures({ line, name }: { line: string; name: (id: string) => string }) {
  const t = useT();
  const view = useForecastStore((s) => s.view);
  const lf = view?.lines[line];
  if (!view || !lf) {
    return (
      <dl className="kpi-figures">
        <dt>{t('forecast.title')}</dt>
        <dd data-testid="kpi-forecast">{t('forecast.pending')}</dd>
      </dl>
    );
  }
  const chanceLow = lf.chanceOfTarget !== undefined && lf.chanceOfTarget < 0.5;
  return (
    <>
      <dl className="kpi-figures">
        <dt>{t('forecast.title')}</dt>
        <dd data-testid="kpi-forecast" className={chanceLow ? 'status-warn' : undefined}>
          {forecastPhrase(lf, t)}
        </dd>
        {lf.bottleneck && (
          <>
            <dt>{t('forecast.bottleneck')}</dt>
            <dd>{lf.bottleneck.stations.length > 3 ? `${name(lf.bottleneck.stations[0] ?? '')} … (${lf.bottleneck.stations.length})` : lf.bottleneck.stations.map(name).join(', ')}</dd>
          </>
        )}
        <Behind lf={lf} />
      </dl>
      <ForecastBasis view={view} />
    </>
  );
}
