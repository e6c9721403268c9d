import { alarmTextParts, type AlarmText, type AlarmTextPart } from '../../src-main/shared/alarm-text';
import type { AlarmStateName, AlarmView } from '../../src-main/shared/views';
import { translate, type Lang, type StringKey } from '../i18n/strings';

export const ALARM_STATES: readonly AlarmStateName[] = ['UNACK_ACTIVE', 'RTN_UNACK', 'ACK_ACTIVE', 'SHELVED', 'SUPPRESSED', 'OUT_OF_SERVICE', 'NORMAL'];

export interface AlarmFilter {
  /** A line id, '' for plant-wide alarms (the broker), undefined for every line. */
  line?: string;
  priority?: 1 | 2 | 3 | 4;
  state?: AlarmStateName;
}

export type SortKey = 'priority' | 'time' | 'station' | 'state';

export const isUnacked = (a: AlarmView): boolean => a.state === 'UNACK_ACTIVE' || a.state === 'RTN_UNACK';

export function filterAlarms(alarms: readonly AlarmView[], f: AlarmFilter): AlarmView[] {
  return alarms.filter(
    (a) => (f.line === undefined || (a.line ?? '') === f.line) && (f.priority === undefined || a.priority === f.priority) && (f.state === undefined || a.state === f.state),
  );
}

const compare: Record<SortKey, (a: AlarmView, b: AlarmView) => number> = {
  priority: (a, b) => a.priority - b.priority,
  time: (a, b) => a.activeSince - b.activeSince,
  station: (a, b) => a.station.localeCompare(b.station),
  state: (a, b) => ALARM_STATES.indexOf(a.state) - ALARM_STATES.indexOf(b.state),
};

/** Sorts by `key`, then by priority and newest first, so equal keys keep a useful order. */
export function sortAlarms(alarms: readonly AlarmView[], key: SortKey, descending: boolean): AlarmView[] {
  const sign = descending ? -1 : 1;
  return [...alarms].sort((a, b) => sign * compare[key](a, b) || a.priority - b.priority || b.activeSince - a.activeSince || a.id.localeCompare(b.id));
}

/** What the banner shows: the highest priority unacknowledged alarm, the newest among equals. */
export function bannerAlarm(alarms: readonly AlarmView[]): AlarmView | undefined {
  let best: AlarmView | undefined;
  for (const a of alarms) {
    if (!isUnacked(a)) continue;
    if (!best || a.priority < best.priority || (a.priority === best.priority && (a.lastChange ?? a.activeSince) > (best.lastChange ?? best.activeSince))) best = a;
  }
  return best;
}

/**
 * The alarms that newly need annunciation (unacknowledged and active, not seen before), and the
 * new set of seen activations: only keys still listed are kept, so the set stays bounded.
 */
export function newActivations(alarms: readonly AlarmView[], seen: ReadonlySet<string>): { fresh: AlarmView[]; seen: Set<string> } {
  const next = new Set<string>();
  const fresh: AlarmView[] = [];
  for (const a of alarms) {
    if (a.state !== 'UNACK_ACTIVE') continue;
    const key = `${a.id}@${a.activeSince}`;
    next.add(key);
    if (!seen.has(key)) fresh.push(a);
  }
  return { fresh, seen: next };
}

/** What the alarm says; a view without its structured message has only the machine-language text. */
export const alarmMessage = (a: AlarmView): AlarmText => a.message ?? { kind: 'machine', text: a.text };

/** The alarm's text in the UI language, in runs; runs the machine wrote untranslated are marked. */
export const alarmParts = (a: AlarmView, lang: Lang): AlarmTextPart[] => alarmTextParts(alarmMessage(a), lang);

/** The alarm's text as one line (desktop notifications): the machine's own words in quotes. */
export function alarmLine(a: AlarmView, lang: Lang): string {
  const [open, close] = lang === 'zh' ? ['“', '”'] : ['"', '"'];
  return alarmParts(a, lang)
    .map((p) => (p.machine ? `${open}${p.text}${close}` : p.text))
    .join('');
}

const ACTIONS: Record<string, StringKey> = {
  ack: 'alarmAction.ack',
  shelve: 'alarmAction.shelve',
  unshelve: 'alarmAction.unshelve',
  'out-of-service': 'alarmAction.out-of-service',
  'in-service': 'alarmAction.in-service',
};

/** An operator action as the alarm list names it; one the UI does not know is shown as the host sent it. */
export function actionName(action: string, lang: Lang): string {
  const key = ACTIONS[action];
  return key ? translate(lang, key) : action;
}
