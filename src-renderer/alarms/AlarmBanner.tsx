import { useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { bannerAlarm } from './alarm-list-model';
import { AlarmMessage } from './AlarmMessage';
import { useAnnunciation } from './annunciation';
import { PriorityIcon } from './PriorityIcon';
import { useAlarmActions, useAlarmsReadOnly } from './use-alarm-actions';

const SOUND_KEY = 'linetwin.alarmSound';
const NOTIFY_KEY = 'linetwin.alarmNotify';

/**
 * The newest highest-priority unacknowledged alarm, always in view, with the annunciation
 * switches. Sound is off until switched on: browsers refuse audio before a user gesture, and a
 * control room decides itself whether the twin may beep.
 */
export function AlarmBanner({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const alarms = useTwinStore((s) => s.alarms);
  const load = useTwinStore((s) => s.alarmLoad);
  const lang = useTwinStore((s) => s.lang);
  const plant = useTwinStore((s) => s.plant);
  const focusStation = useTwinStore((s) => s.focusStation);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const [notifications, setNotifications] = useState(() => typeof Notification !== 'undefined' && Notification.permission === 'granted' && localStorage.getItem(NOTIFY_KEY) !== 'off');
  // Set when the browser refuses notifications: the switch then says so instead of doing nothing.
  const [notifyRefused, setNotifyRefused] = useState(false);
  const { run, error } = useAlarmActions(bridge);
  useAnnunciation(sound, notifications);
  const top = bannerAlarm(alarms);
  const readOnly = useAlarmsReadOnly();
  const stationName = (id: string): string => plant?.lines.flatMap((l) => l.stations).find((s) => s.id === id)?.name[lang] ?? id;

  const toggleSound = (): void => {
    localStorage.setItem(SOUND_KEY, sound ? 'off' : 'on');
    setSound(!sound);
  };
  const toggleNotifications = (): void => {
    if (notifications) {
      localStorage.setItem(NOTIFY_KEY, 'off');
      setNotifications(false);
      return;
    }
    void Notification.requestPermission().then((p) => {
      localStorage.setItem(NOTIFY_KEY, 'on');
      setNotifications(p === 'granted');
      setNotifyRefused(p !== 'granted');
    });
  };

  return (
    <div className={`alarm-banner${top ? ` alarm-banner-p${top.priority}` : ''}`} data-testid="alarm-banner" data-alarm={top?.id ?? ''} role="status" aria-live="polite">
      {top ? (
        <>
          <PriorityIcon priority={top.priority} title={`${t('alarms.priority')} ${top.priority}`} />
          <span className="alarm-banner-station">{top.station ? stationName(top.station) : t('alarms.plantWide')}</span>
          <span className="alarm-banner-text">
            <AlarmMessage alarm={top} />
          </span>
          <span className="alarm-banner-state">{t(`alarmState.${top.state}`)}</span>
          <button type="button" data-testid="banner-ack" disabled={readOnly} onClick={() => run('ackAlarm', { id: top.id })}>
            {t('alarms.ack')}
          </button>
          {top.station && (
            <button type="button" onClick={() => focusStation(top.station)}>
              {t('alarms.locate')}
            </button>
          )}
        </>
      ) : (
        <span className="alarm-banner-quiet">{t('alarms.noneUnacked')}</span>
      )}
      {load?.flood && (
        <span className="alarm-flood" data-testid="alarm-flood">
          {t('alarms.flood').replace('{n}', String(load.activationsLast10Min))}
        </span>
      )}
      {error && <span className="status-warn">{error}</span>}
      <span className="alarm-banner-switches">
        <button type="button" aria-pressed={sound} data-testid="alarm-sound" title={t('alarms.soundHint')} onClick={toggleSound}>
          {sound ? t('alarms.soundOn') : t('alarms.soundOff')}
        </button>
        {typeof Notification !== 'undefined' && (
          <button type="button" aria-pressed={notifications} data-testid="alarm-notify" onClick={toggleNotifications}>
            {notifications ? t('alarms.notifyOn') : t('alarms.notifyOff')}
          </button>
        )}
        {notifyRefused && !notifications && (
          <span className="status-warn" data-testid="notify-refused" role="alert">
            {t('alarms.notifyRefused')}
          </span>
        )}
      </span>
    </div>
  );
}
