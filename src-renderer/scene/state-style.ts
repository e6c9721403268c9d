import type { StationState } from '../../src-main/shared/station-state';
import type { AlarmView, StationView } from '../../src-main/shared/views';

/** ISA-101: equipment grey when normal; colour only for what needs attention. */
export const NORMAL_GREY = '#8a9096';
export const STALE_GREY = '#3b4046';
export const OFFLINE_GREY = '#25282b';

export type IndicatorShape = 'square' | 'triangle' | 'diamond' | 'circle';
export type Priority = 1 | 2 | 3 | 4;

/**
 * One look per alarm priority (DOMAIN.md): shape and number as well as colour, never colour alone.
 * These shapes and numbers belong to alarms only; a machine state never wears one.
 */
export const PRIORITY_STYLE: Record<Priority, { color: string; shape: IndicatorShape }> = {
  1: { color: '#e0301e', shape: 'square' },
  2: { color: '#f0a020', shape: 'triangle' },
  3: { color: '#e8d020', shape: 'diamond' },
  4: { color: '#3a7bd5', shape: 'circle' },
};

/** Machine states that need a look but are not alarms by themselves. */
export type AbnormalState = 'FAULT' | 'BLOCKED' | 'STARVED' | 'MAINTENANCE';
/** How a state ring is drawn: its pattern, not only its colour, tells the states apart. */
export type StatePattern = 'double' | 'bar' | 'dashed' | 'hatched';

/**
 * The visual language of machine states: a hollow ring with a pattern, the machine tinted, and the
 * state word on its label. Hues are kept off the alarm palette (red, amber, yellow, blue) so that
 * a state cannot be read as an alarm; `urgency` orders them after every alarm.
 */
export const STATE_STYLE: Record<AbnormalState, { color: string; pattern: StatePattern; urgency: number }> = {
  FAULT: { color: '#d0436e', pattern: 'double', urgency: 5 },
  BLOCKED: { color: '#8e6fd8', pattern: 'bar', urgency: 6 },
  STARVED: { color: '#35a7b8', pattern: 'dashed', urgency: 7 },
  MAINTENANCE: { color: '#7d8fa3', pattern: 'hatched', urgency: 8 },
};
export const ABNORMAL_STATES = Object.keys(STATE_STYLE) as AbnormalState[];

const isAbnormal = (s: StationState): s is AbnormalState => s in STATE_STYLE;

/** Alarm states that still ask for the operator's attention (ISA-18.2). */
const ATTENTION_ALARM_STATES = new Set<AlarmView['state']>(['UNACK_ACTIVE', 'ACK_ACTIVE', 'RTN_UNACK']);

export type Indicator =
  | { kind: 'none' }
  | { kind: 'stale' }
  | { kind: 'offline' }
  | { kind: 'state'; state: AbnormalState; color: string; pattern: StatePattern }
  /** `state` is the machine's own, which still tints the body under the alarm's indicator. */
  | { kind: 'alarm'; state: StationState; shape: IndicatorShape; priority: Priority; color: string };

const NONE: Indicator = { kind: 'none' };
const STALE: Indicator = { kind: 'stale' };
const OFFLINE: Indicator = { kind: 'offline' };
const INTERNED = new Map<string, Indicator>();

function interned(key: string, make: () => Indicator): Indicator {
  let ind = INTERNED.get(key);
  if (!ind) {
    ind = make();
    INTERNED.set(key, ind);
  }
  return ind;
}

/**
 * What a station's indicator shows. Stale data is never shown as the last state. An active alarm
 * shows its priority; otherwise an abnormal machine state shows its state ring.
 */
export function indicatorFor(view: StationView | undefined, alarmPriority?: Priority): Indicator {
  if (!view || view.stale) return STALE;
  if (view.state === 'OFFLINE') return OFFLINE;
  const { state } = view;
  if (alarmPriority !== undefined) return interned(`alarm:${state}:${alarmPriority}`, () => ({ kind: 'alarm', state, priority: alarmPriority, ...PRIORITY_STYLE[alarmPriority] }));
  if (isAbnormal(state)) return interned(`state:${state}`, () => ({ kind: 'state', state, ...STATE_STYLE[state] }));
  return NONE;
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
  if (indicator.kind === 'alarm' && isAbnormal(indicator.state)) return STATE_STYLE[indicator.state].color;
  return NORMAL_GREY;
}

/** The machine state an indicator's station is in, when abnormal: its word goes on the label. */
export function abnormalStateOf(indicator: Indicator): AbnormalState | undefined {
  if (indicator.kind === 'state') return indicator.state;
  if (indicator.kind === 'alarm' && isAbnormal(indicator.state)) return indicator.state;
  return undefined;
}

/** Indicators are interned (a handful exist), so their labels are too: the scene asks every frame. */
const LABELS = new Map<Indicator, string>();
export function indicatorLabel(indicator: Indicator): string {
  if (indicator.kind === 'none' || indicator.kind === 'stale' || indicator.kind === 'offline') return indicator.kind;
  let label = LABELS.get(indicator);
  if (label === undefined) {
    label = indicator.kind === 'alarm' ? `${indicator.shape}-${indicator.priority}` : `state-${indicator.state}`;
    LABELS.set(indicator, label);
  }
  return label;
}

/** Tiles of the indicator atlas: priorities 1–4 are 0–3, then stale, offline and the state rings. */
export const STALE_TILE = 4;
export const OFFLINE_TILE = 5;
export const stateTile = (state: AbnormalState): number => 6 + ABNORMAL_STATES.indexOf(state);

/** Sprite tile in the indicator atlas; -1 for none. */
export function indicatorTile(indicator: Indicator): number {
  if (indicator.kind === 'none') return -1;
  if (indicator.kind === 'stale') return STALE_TILE;
  if (indicator.kind === 'offline') return OFFLINE_TILE;
  if (indicator.kind === 'state') return stateTile(indicator.state);
  return indicator.priority - 1;
}

/** Lower is more urgent: alarms by priority, then abnormal states, then missing data. */
export function urgencyOf(indicator: Indicator): number {
  if (indicator.kind === 'alarm') return indicator.priority;
  if (indicator.kind === 'state') return STATE_STYLE[indicator.state].urgency;
  return indicator.kind === 'none' ? 10 : 9;
}
