import { useEffect, useMemo, useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { KpiTrendView, LineView, StateTimelineView } from '../../src-main/shared/views';
import { useT } from '../i18n/use-t';
import { ForecastFigures } from '../forecast/ForecastFigures';
import { useReplayStore } from '../replay/replay-store';
import { formatRate, oeeFigure, pct } from '../scene/ui/format';
import { usePanelTick, useTwinStore } from '../store/twin-store';
import { StateTimeline, TIMELINE_LEGEND } from './StateTimeline';
import { TrendChart } from './TrendChart';

const REFRESH_MS = 10_000;

/** Trend and state timeline of one line, fetched from the engine every few seconds while shown, and at once when a replay jumps. */
function useLineHistory(bridge: TwinBridge, line: string | undefined): { trend?: KpiTrendView; timeline?: StateTimelineView } {
  const [history, setHistory] = useState<{ trend?: KpiTrendView; timeline?: StateTimelineView }>({});
  const replayEpoch = useReplayStore((s) => s.epoch);
  useEffect(() => {
    if (!line) return;
    let alive = true;
    const load = (): void => {
      void Promise.all([bridge.request('getKpiTrend', { line }), bridge.request('getStateTimeline', { line })]).then(
        ([trend, timeline]) => alive && setHistory({ trend, timeline }),
        () => undefined,
      );
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
      setHistory({});
    };
  }, [bridge, line, replayEpoch]);
  return history;
}

/** A flagged KPI: the figure the data gives, why it cannot be right, and where it comes from. */
function DataQualityNote({ v, name }: { v: LineView; name: (id: string) => string }) {
  const t = useT();
  const dq = v.dataQuality;
  if (!dq) return null;
  const stations = dq.stations?.length ? ` (${t('kpi.dq.stations').replace('{stations}', dq.stations.map(name).join(', '))})` : '';
  return (
    <>
      <dt className="status-warn">⚠ {t('kpi.dq.short')}</dt>
      <dd className="status-warn" data-testid="kpi-data-quality" data-code={dq.code}>
        {`${t('kpi.dq.performance').replace('{value}', pct(dq.performance))} ${t(`kpi.dq.${dq.code}`)}${stations}. ${t('kpi.dq.noOee')}`}
      </dd>
    </>
  );
}

function LineFigures({ v, name }: { v: LineView; name: (id: string) => string }) {
  const t = useT();
  const shift = v.shift;
  const behind = shift?.expectedByNow !== undefined && shift.output < shift.expectedByNow;
  return (
    <dl className="kpi-figures">
      <dt>{t('kpi.throughput15')}</dt>
      <dd data-testid="kpi-throughput">{formatRate(v.throughputPerHour)}</dd>
      <dt>{t('kpi.throughput60')}</dt>
      <dd>{formatRate(v.throughputPerHour60)}</dd>
      <dt>{t('oee')}</dt>
      <dd data-testid="kpi-oee">{oeeFigure(v, t('kpi.dq.short'))}</dd>
      <dt>{t('kpi.apq')}</dt>
      <dd>
        {`${pct(v.oee.availability)} · `}
        <span className={v.dataQuality ? 'status-warn' : undefined}>{`${v.dataQuality ? '⚠ ' : ''}${pct(v.oee.performance)}`}</span>
        {` · ${pct(v.oee.quality)}`}
      </dd>
      <DataQualityNote v={v} name={name} />
      <dt>{t('kpi.goodReject')}</dt>
      <dd>{`${v.good} / ${v.reject}`}</dd>
      {shift && (
        <>
          <dt>{t('kpi.shift').replace('{id}', shift.id)}</dt>
          <dd className={behind ? 'status-warn' : undefined}>
            {shift.output}
            {shift.target !== undefined && ` / ${shift.target} · ${t('kpi.expected')} ${shift.expectedByNow ?? 0}`}
          </dd>
        </>
      )}
      <dt>{t('kpi.bottleneck')}</dt>
      <dd data-testid="kpi-bottleneck">{v.bottleneck ? name(v.bottleneck) : '—'}</dd>
    </dl>
  );
}

/** Per line: throughput, OEE and its factors, shift output against target, bottleneck; trend and state timeline for the line opened. */
export function KpiPanel({ bridge }: { bridge: TwinBridge }) {
  usePanelTick();
  const t = useT();
  const plant = useTwinStore((s) => s.plant);
  const lang = useTwinStore((s) => s.lang);
  const focusStation = useTwinStore((s) => s.focusStation);
  const lines = useTwinStore.getState().lines;
  const [open, setOpen] = useState<string | undefined>(undefined);
  const openLine = open ?? plant?.lines[0]?.id;
  const { trend, timeline } = useLineHistory(bridge, openLine);
  const names = useMemo(() => new Map(plant?.lines.flatMap((l) => l.stations.map((s) => [s.id, s.name[lang]] as const)) ?? []), [plant, lang]);
  const name = (id: string): string => names.get(id) ?? id;
  const labels = useMemo(() => ({ throughput: t('kpi.throughput15'), oee: t('oee'), time: t('kpi.chart.time') }), [t]);
  if (!plant) return null;
  return (
    <section className="kpi-panel" data-testid="kpi-panel">
      {plant.lines.map((line) => {
        const v = lines[line.id];
        const expanded = line.id === openLine;
        return (
          <article key={line.id} className={`kpi-line${expanded ? ' kpi-line-open' : ''}`} data-line={line.id}>
            <button type="button" className="kpi-line-head" aria-expanded={expanded} onClick={() => setOpen(line.id)}>
              {line.name[lang]}
              {v && <span className="kpi-head-oee">{`${t('oee')} ${oeeFigure(v, t('kpi.dq.short'))} · ${formatRate(v.throughputPerHour)} ${t('throughput')}`}</span>}
            </button>
            {expanded && v && (
              <>
                <LineFigures v={v} name={name} />
                <ForecastFigures line={line.id} name={name} />
                {v.bottleneck && (
                  <button type="button" className="link" onClick={() => v.bottleneck && focusStation(v.bottleneck)}>
                    {`${t('kpi.bottleneck')}: ${name(v.bottleneck)} — ${t('alarms.locate')}`}
                  </button>
                )}
                <h4>{t('kpi.trend')}</h4>
                <TrendChart trend={trend} labels={labels} lang={lang} />
                <h4>{t('kpi.timeline')}</h4>
                {timeline && <StateTimeline timeline={timeline} names={names} stateLabel={(s) => t(`state.${s}`)} staleLabel={t('stale')} bottleneck={v.bottleneck} />}
                <div className="timeline-legend">
                  {TIMELINE_LEGEND.map((l) => (
                    <span key={l.state}>
                      <i style={{ background: l.fill }} />
                      {t(`state.${l.state}`)}
                    </span>
                  ))}
                </div>
              </>
            )}
          </article>
        );
      })}
    </section>
  );
}
