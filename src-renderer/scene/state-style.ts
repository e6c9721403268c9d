import type { StationState } from '../../src-main/shared/station-state';
import type { AlarmView, StationView } from '../../src-main/shared/views';

/** ISA-101: equipment grey when normal; colour only for what needs attention. */
export const NORMAL_GREY = '#8a9096';
const STALE_GREY = '#3b4046';
const OFFLINE_GREY = '#25282b';

export type IndicatorShape = 'square' | 'triangle' | 'diamond' | 'circle';
export type Priority = 1 | 2 | 3 | 4;

/** One look per priority (DOMAIN.md): shape and number as well as colour, never colour alone. */
export const PRIORITY_STYLE: Record<Priority, { color: string; shape: IndicatorShape }> = {
  1: { color: '#e0301e', shape: 'square' },
  2: { color: '#f0a020', shape: 'triangle' },
  3: { color: '#e8d020', shape: 'diamond' },
  4: { color: '#3a7bd5', shape: 'circle' },
};

const STATE_PRIORITY: Partial<Record<StationState, Priority>> = { FAULT: 1, BLOCKED: 2, STARVED: 3, MAINTENANCE: 4 };

/** Alarm states that still ask for the operator's attention (ISA-18.2). */
const ATTENTION_ALARM_STATES = new Set<AlarmView['state']>(['UNACK_ACTIVE', 'ACK_ACTIVE', 'RTN_UNACK']);

export type Indicator =
  | { kind: 'none' }
  | { kind: 'stale' }
  | { kind: 'offline' }
  | { kind: 'state' | 'alarm'; state: StationState; shape: IndicatorShape; priority: Priority; color: string };

const NONE: Indicator = { kind: 'none' };
const STALE: Indicator = { kind: 'stale' };
const OFFLINE: Indicator = { kind: 'offline' };
const BY_STATE = new Map<string, Indicator>();

/**
 * What a station's indicator shows. Stale data is never shown as the last state; otherwise the
 * more urgent of the machine state and the station's highest active alarm wins.
 */
export function indicatorFor(view: StationView | undefined, alarmPriority?: Priority): Indicator {
  if (!view || view.stale) return STALE;
  if (view.state === 'OFFLINE') return OFFLINE;
  const statePriority = STATE_PRIORITY[view.state];
  const alarmWins = alarmPriority !== undefined && (statePriority === undefined || alarmPriority < statePriority);
  const priority = alarmWins ? alarmPriority : statePriority;
  if (priority === undefined) return NONE;
  const kind = alarmWins ? 'alarm' : 'state';
  const key = `${kind}:${view.state}:${priority}`;
  let ind = BY_STATE.get(key);
  if (!ind) {
    ind = { kind, state: view.state, priority, ...PRIORITY_STYLE[priority] };
    BY_STATE.set(key, ind);
  }
  return ind;
}

/** Highest (numerically lowest) priority among the alarms of each station that need attention. */
export function alarmPriorities(alarms: readonly AlarmView[] | undefined): Map<string, Priority> {
  const out = new Map<string, Priority>();
  for (const a of alarms ?? []) {
    if (!ATTENTION_ALARM_STATES.has(a.state)) continue;
    const p = out.get(a.station);
    if (p === undefined || a.priority < p) out.set(a.station, a.priority);
  }
  return out;
}

/** Body colour: grey unless the machine state itself is abnormal (an alarm alone keeps it grey). */
export function bodyColor(indicator: Indicator): string {
  if (indicator.kind === 'stale') return STALE_GREY;
  if (indicator.kind === 'offline') return OFFLINE_GREY;
  if (indicator.kind === 'state') return indicator.color;
  return NORMAL_GREY;
}

/** Indicators are interned (a handful exist), so their labels are too: the scene asks every frame. */
const LABELS = new Map<Indicator, string>();
export function indicatorLabel(indicator: Indicator): string {
  if (indicator.kind === 'none' || indicator.kind === 'stale' || indicator.kind === 'offline') return indicator.kind;
  let label = LABELS.get(indicator);
  if (label === undefined) {
    label = `${indicator.shape}-${indicator.priority}`;
    LABELS.set(indicator, label);
  }
  return label;
}

/** Sprite tile in the indicator atlas; -1 for none. Priorities 1–4 are tiles 0–3. */
export function indicatorTile(indicator: Indicator): number {
  if (indicator.kind === 'none') return -1;
  if (indicator.kind === 'stale') return 4;
  if (indicator.kind === 'offline') return 5;
  return indicator.priority - 1;
}
