import { useEffect, useRef } from 'react';
import type { AlarmView } from '../../src-main/shared/views';
import { translate } from '../i18n/strings';
import { useReplayStore } from '../replay/replay-store';
import { useTwinStore } from '../store/twin-store';
import { alarmLine, newActivations } from './alarm-list-model';

let audio: AudioContext | undefined;

/** A short two-tone beep; higher for priority 1. Needs an earlier user gesture (the sound toggle). */
export function beep(priority: number): void {
  audio ??= new AudioContext();
  const ctx = audio;
  void ctx.resume();
  const freq = priority === 1 ? 960 : 720;
  for (const [i, f] of [freq, freq * 0.75].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const start = ctx.currentTime + i * 0.2;
    osc.frequency.value = f;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.2);
  }
}

function notify(alarm: AlarmView): void {
  const lang = useTwinStore.getState().lang;
  const n = new Notification(translate(lang, 'notify.title'), { body: `P${alarm.priority} ${alarm.station} ${alarmLine(alarm, lang)}`, tag: alarm.id });
  n.onclick = () => {
    window.focus();
    if (alarm.station) useTwinStore.getState().focusStation(alarm.station);
  };
}

/**
 * Announces new unacknowledged alarms: a tone for priorities 1–2 when sound is on, and a
 * desktop notification when the window has no focus. What is listed when the page opens is
 * taken as known, so a reload does not ring for old alarms. A recording's alarms are history:
 * nothing rings in replay, and what is listed when live comes back is taken as known again.
 */
export function useAnnunciation(sound: boolean, notifications: boolean): void {
  const seen = useRef<Set<string> | undefined>(undefined);
  const alarms = useTwinStore((s) => s.alarms);
  const replaying = useReplayStore((s) => s.status !== null);
  useEffect(() => {
    seen.current = undefined;
  }, [replaying]);
  useEffect(() => {
    const { fresh, seen: next } = newActivations(alarms, seen.current ?? new Set());
    const first = seen.current === undefined;
    seen.current = next;
    if (first || replaying || fresh.length === 0) return;
    const top = fresh.reduce((a, b) => (b.priority < a.priority ? b : a));
    if (sound && top.priority <= 2) beep(top.priority);
    // The desktop shell notifies natively, once for all its windows (src-main/electron/alarm-tray.ts).
    if (notifications && !window.twinShell && !document.hasFocus() && typeof Notification !== 'undefined' && Notification.permission === 'granted') notify(top);
  }, [alarms, sound, notifications, replaying]);
}
