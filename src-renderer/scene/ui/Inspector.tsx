import type { CSSProperties } from 'react';
import type { AlarmView } from '../../../src-main/shared/views';
import { AlarmMessage } from '../../alarms/AlarmMessage';
import { useT } from '../../i18n/use-t';
import { type TwinState, usePanelTick, useTwinStore } from '../../store/twin-store';
import type { PlantModel } from '../plant-model';
import { useSceneUi } from '../scene-ui';
import { abnormalStateOf, indicatorLabel, STATE_STYLE } from '../state-style';
import { formatDuration, formatMetric, formatRate, metricLabel, pct, stationKpi, typeName } from './format';
import { Sparkline } from './Sparkline';
import { WhatIfPanel } from '../../forecast/WhatIfPanel';
import { StationRecentItems } from '../../trace/StationRecentItems';
import { plantClock, usePlantTimeZone } from '../../i18n/plant-time';

const alarmsOf = (s: TwinState): readonly AlarmView[] => (s as TwinState & { alarms?: readonly AlarmView[] }).alarms ?? [];

/** The selected station: state since when, process values with their trend, counts, alarms. */
export function Inspector({ model }: { model: PlantModel }) {
  usePanelTick();
  const t = useT();
  const timeZone = usePlantTimeZone();
  const selected = useSceneUi((s) => s.selected);
  const st = selected ? model.byId.get(selected) : undefined;
  if (!st) return null;
  const s = useTwinStore.getState();
  const { lang } = s;
  const view = s.stations[st.spec.id];
  const kpi = stationKpi(s.lines, st.spec.id);
  const now = model.clockNow(s.stations);
  const alarms = alarmsOf(s).filter((a) => a.station === st.spec.id && a.state !== 'NORMAL');
  const indicator = indicatorLabel(st.indicator);
  const abnormal = view && !view.stale ? abnormalStateOf(st.indicator) : undefined;
  const chipStyle = abnormal ? ({ '--state-color': STATE_STYLE[abnormal].color } as CSSProperties) : undefined;
  const wip = model.flow.wipInto(st.spec.id);
  const close = () => useSceneUi.getState().select(undefined);
  return (
    <aside className="inspector" data-testid="inspector" data-station={st.spec.id}>
      <header>
        <div>
          <strong>{st.spec.name[lang]}</strong>
          <div className="inspector-sub">
            {st.spec.id} · {typeName(lang, st.spec.type)}
          </div>
        </div>
        <button type="button" onClick={close} title={t('inspector.close')} aria-label={t('inspector.close')}>
          ×
        </button>
      </header>
      {view ? (
        <>
          <div className="inspector-state" data-testid="inspector-state" data-state={view.state} data-indicator={indicator}>
            <span className={`state-chip state-${st.indicator.kind}`} style={chipStyle}>{view.stale ? t('stale') : t(`state.${view.state}`)}</span>
            {view.reason ? <span> ({view.reason})</span> : null}
            <div className="inspector-sub">
              {t('inspector.since')} {plantClock(view.since, lang, timeZone)} · {formatDuration(now - view.since)}
            </div>
          </div>
          <table className="inspector-counts">
            <tbody>
              <tr>
                <th>{t('inspector.good')}</th>
                <td>{view.good}</td>
                <th>{t('inspector.reject')}</th>
                <td>{view.reject}</td>
              </tr>
              <tr>
                <th>{t('inspector.rate')}</th>
                <td>
                  {formatRate(kpi?.throughputPerHour)}
                  {t('scene.perHour')}
                </td>
                <th>{t('inspector.wip')}</th>
                <td>{wip}</td>
              </tr>
              {kpi?.dataQuality && (
                <tr className="status-warn" data-testid="inspector-data-quality">
                  <td colSpan={4}>{`⚠ ${t('kpi.dq.performance').replace('{value}', pct(kpi.dataQuality.performance))} ${t('kpi.dq.performance-over-100')}`}</td>
                </tr>
              )}
              <tr>
                <th>{t('inspector.inStation')}</th>
                <td data-testid="inspector-wip">{view.wip ?? '—'}</td>
              </tr>
            </tbody>
          </table>
          <h4>{t('inspector.metrics')}</h4>
          <table className="inspector-metrics">
            <tbody>
              {Object.entries(view.metrics).map(([key, value]) => {
                const label = metricLabel(model.plant, key, lang);
                return (
                  <tr key={key} data-metric={key}>
                    <th title={key}>{label.name}</th>
                    <td>
                      {formatMetric(value)}
                      {label.unit ? ` ${label.unit}` : ''}
                    </td>
                    <td>
                      <Sparkline values={st.trends.get(key)?.values() ?? []} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <p>{t('inspector.noData')}</p>
      )}
      <WhatIfPanel plant={model.plant} station={st.spec} />
      <h4>{t('inspector.alarms')}</h4>
      {alarms.length ? (
        <ul className="inspector-alarms">
          {alarms.map((a) => (
            <li key={a.id} data-priority={a.priority}>
              P{a.priority} · <AlarmMessage alarm={a} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="inspector-sub">{t('inspector.noAlarms')}</p>
      )}
      <StationRecentItems station={st.spec.id} />
    </aside>
  );
}
