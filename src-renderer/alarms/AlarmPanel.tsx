import { useEffect, useMemo, useState } from 'react';
import type { BridgeCaller, TwinBridge } from '../../src-main/shared/bridge';
import type { AlarmStateName } from '../../src-main/shared/views';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { AlarmMessage } from './AlarmMessage';
import { actionName, ALARM_STATES, filterAlarms, isUnacked, sortAlarms, type AlarmFilter, type SortKey } from './alarm-list-model';
import { PriorityIcon } from './PriorityIcon';
import { saveOperator, savedOperator, useAlarmActions } from './use-alarm-actions';
import { plantClock, usePlantTimeZone } from '../i18n/plant-time';

const SHELVE_CHOICES = [15, 30, 60, 120, 480];
const COLUMNS: Array<{ key: SortKey; label: 'alarms.col.priority' | 'alarms.col.time' | 'alarms.col.station' | 'alarms.col.state' }> = [
  { key: 'priority', label: 'alarms.col.priority' },
  { key: 'time', label: 'alarms.col.time' },
  { key: 'station', label: 'alarms.col.station' },
  { key: 'state', label: 'alarms.col.state' },
];


async function downloadJournal(bridge: TwinBridge): Promise<void> {
  const csv = await bridge.request('exportAlarmJournal', undefined);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `alarm-journal-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every alarm not in NORMAL: filter by line, priority and state, sort by column, act on each or on all shown. */
export function AlarmPanel({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const alarms = useTwinStore((s) => s.alarms);
  const load = useTwinStore((s) => s.alarmLoad);
  const plant = useTwinStore((s) => s.plant);
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const focusStation = useTwinStore((s) => s.focusStation);
  const [filter, setFilter] = useState<AlarmFilter>({});
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'priority', descending: false });
  const [minutes, setMinutes] = useState(60);
  const [operator, setOperator] = useState(savedOperator);
  // With an access token the host records the token's name, so that is the name shown.
  const [caller, setCaller] = useState<BridgeCaller | undefined>(undefined);
  useEffect(() => {
    bridge.request('getCaller', undefined).then(setCaller, () => setCaller(undefined));
  }, [bridge]);
  const { run, error, readOnly } = useAlarmActions(bridge);
  const shown = useMemo(() => sortAlarms(filterAlarms(alarms, filter), sort.key, sort.descending), [alarms, filter, sort]);
  const names = useMemo(() => new Map(plant?.lines.flatMap((l) => l.stations.map((s) => [s.id, s.name[lang]] as const)) ?? []), [plant, lang]);
  const unackedShown = shown.filter(isUnacked).map((a) => a.id);

  return (
    <section className="alarm-panel" data-testid="alarm-list">
      <div className="alarm-toolbar">
        <select aria-label={t('alarms.filterLine')} data-testid="alarm-filter-line" value={filter.line ?? '*'} onChange={(e) => setFilter({ ...filter, line: e.target.value === '*' ? undefined : e.target.value })}>
          <option value="*">{`${t('alarms.filterLine')}: ${t('alarms.all')}`}</option>
          {plant?.lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name[lang]}
            </option>
          ))}
          <option value="">{t('alarms.plantWide')}</option>
        </select>
        <select aria-label={t('alarms.filterPriority')} data-testid="alarm-filter-priority" value={filter.priority ?? 0} onChange={(e) => setFilter({ ...filter, priority: Number(e.target.value) ? (Number(e.target.value) as 1 | 2 | 3 | 4) : undefined })}>
          <option value={0}>{`${t('alarms.filterPriority')}: ${t('alarms.all')}`}</option>
          {[1, 2, 3, 4].map((p) => (
            <option key={p} value={p}>{`${t('alarms.priority')} ${p}`}</option>
          ))}
        </select>
        <select aria-label={t('alarms.filterState')} data-testid="alarm-filter-state" value={filter.state ?? '*'} onChange={(e) => setFilter({ ...filter, state: e.target.value === '*' ? undefined : (e.target.value as AlarmStateName) })}>
          <option value="*">{`${t('alarms.filterState')}: ${t('alarms.all')}`}</option>
          {ALARM_STATES.filter((s) => s !== 'NORMAL').map((s) => (
            <option key={s} value={s}>
              {t(`alarmState.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="alarm-ack-all" disabled={readOnly || unackedShown.length === 0} onClick={() => run('ackAllAlarms', { ids: unackedShown })}>
          {t('alarms.ackAllShown')} ({unackedShown.length})
        </button>
      </div>
      <div className="alarm-toolbar">
        <label>
          {t('alarms.operator')}{' '}
          <input
            data-testid="alarm-operator"
            value={caller?.name ?? operator}
            readOnly={caller?.name !== undefined}
            maxLength={64}
            placeholder={t('alarms.operatorHint')}
            onChange={(e) => {
              setOperator(e.target.value);
              saveOperator(e.target.value);
            }}
          />
        </label>
        <label>
          {t('alarms.shelveFor')}{' '}
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {SHELVE_CHOICES.map((m) => (
              <option key={m} value={m}>{`${m} ${t('alarms.minutes')}`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void downloadJournal(bridge)}>
          {t('alarms.export')}
        </button>
      </div>
      <div className="alarm-summary">
        {`${shown.length} / ${load?.total ?? alarms.length}`}
        {load && load.chattering > 0 && <span className="status-warn">{` · ${load.chattering} ${t('alarms.chattering')}`}</span>}
        {load && load.stale > 0 && <span className="status-warn" data-testid="alarms-stale">{` · ${load.stale} ${t('alarms.stale')}`}</span>}
        {error && <span className="status-warn">{` · ${error}`}</span>}
        {readOnly && <span data-testid="alarms-read-only">{` · ${t('replay.alarmsReadOnly')}`}</span>}
      </div>
      <table className="alarm-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" data-testid={`alarm-sort-${c.key}`} onClick={() => setSort({ key: c.key, descending: sort.key === c.key ? !sort.descending : c.key === 'time' })}>
                  {t(c.label)}
                  {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
            <th>{t('alarms.col.text')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={6} className="alarm-empty">
                {t('alarms.none')}
              </td>
            </tr>
          )}
          {shown.map((a) => (
            <tr key={a.id} data-testid="alarm-row" data-id={a.id} data-state={a.state} className={isUnacked(a) ? 'alarm-unacked' : undefined}>
              <td>
                <PriorityIcon priority={a.priority} title={`${t('alarms.priority')} ${a.priority}`} />
              </td>
              <td>{plantClock(a.activeSince, lang, timeZone)}</td>
              <td>
                {a.station ? (
                  <button type="button" className="link" title={t('alarms.locate')} onClick={() => focusStation(a.station)}>
                    {names.get(a.station) ?? a.station}
                  </button>
                ) : (
                  t('alarms.plantWide')
                )}
              </td>
              <td>
                {t(`alarmState.${a.state}`)}
                {a.shelvedUntil !== undefined && ` ${t('alarms.until')} ${plantClock(a.shelvedUntil, lang, timeZone)}`}
              </td>
              <td>
                <AlarmMessage alarm={a} />
                {a.value !== undefined && ` (${a.value})`}
                {a.chattering && <span className="alarm-chatter">{` ${t('alarms.chattering')}`}</span>}
                {a.stale && <span className="alarm-chatter">{` ${t('alarms.stale')}`}</span>}
                {a.lastAction && <div className="alarm-who">{`${actionName(a.lastAction.action, lang)} · ${a.lastAction.by} · ${plantClock(a.lastAction.at, lang, timeZone)}`}</div>}
              </td>
              <td className="alarm-actions">
                {isUnacked(a) && (
                  <button type="button" data-testid="alarm-ack" disabled={readOnly} onClick={() => run('ackAlarm', { id: a.id })}>
                    {t('alarms.ack')}
                  </button>
                )}
                {a.state === 'SHELVED' ? (
                  <button type="button" disabled={readOnly} onClick={() => run('unshelveAlarm', { id: a.id })}>
                    {t('alarms.unshelve')}
                  </button>
                ) : (
                  a.state !== 'OUT_OF_SERVICE' && (
                    <button type="button" data-testid="alarm-shelve" disabled={readOnly} onClick={() => run('shelveAlarm', { id: a.id, minutes })}>
                      {t('alarms.shelve')}
                    </button>
                  )
                )}
                <button type="button" disabled={readOnly} onClick={() => run('setAlarmOutOfService', { id: a.id, outOfService: a.state !== 'OUT_OF_SERVICE' })}>
                  {a.state === 'OUT_OF_SERVICE' ? t('alarms.inService') : t('alarms.outOfService')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
