import type { StationState } from '../../src-main/shared/station-state';
import type { StationView } from '../../src-main/shared/views';

/** ISA-101: equipment grey when normal; colour only for what needs attention. */
export const NORMAL_GREY = '#8a9096';
const STALE_GREY = '#3b4046';

const ABNORMAL: Partial<Record<StationState, { color: string; shape: IndicatorShape; priority: 1 | 2 | 3 | 4 }>> = {
  FAULT: { color: '#e0301e', shape: 'square', priority: 1 },
  BLOCKED: { color: '#f0a020', shape: 'triangle', priority: 2 },
  STARVED: { color: '#e8d020', shape: 'diamond', priority: 3 },
  MAINTENANCE: { color: '#3a7bd5', shape: 'circle', priority: 4 },
};

export type IndicatorShape = 'square' | 'triangle' | 'diamond' | 'circle';

/** What a station's indicator shows: shape and number as well as colour, never colour alone. */
export type Indicator = { kind: 'none' } | { kind: 'stale' } | { kind: 'state'; state: StationState; shape: IndicatorShape; priority: 1 | 2 | 3 | 4; color: string };

export function indicatorFor(view: StationView | undefined): Indicator {
  if (!view || view.stale || view.state === 'OFFLINE') return { kind: 'stale' };
  const abnormal = ABNORMAL[view.state];
  return abnormal ? { kind: 'state', state: view.state, ...abnormal } : { kind: 'none' };
}

export function bodyColor(indicator: Indicator): string {
  if (indicator.kind === 'stale') return STALE_GREY;
  if (indicator.kind === 'state') return indicator.color;
  return NORMAL_GREY;
}

export function indicatorLabel(indicator: Indicator): string {
  if (indicator.kind === 'none') return 'none';
  if (indicator.kind === 'stale') return 'stale';
  return `${indicator.shape}-${indicator.priority}`;
}
