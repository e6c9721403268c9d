import type { StationState } from './station-state';
import type { ItemEventDetail, ItemEventKind } from './trace';

/** What a decoder turns one MQTT message into; the reducer is the only consumer. */
export type TelemetryEvent =
  | { kind: 'state'; station: string; ts: number; state: StationState; reason?: string }
  | { kind: 'metrics'; station: string; ts: number; values: Record<string, number> }
  | { kind: 'count'; station: string; ts: number; good: number; reject: number }
  | { kind: 'alarm'; station: string; ts: number; id: string; active: boolean; priority: 1 | 2 | 3 | 4; text?: string }
  | ({ kind: 'item'; line: string; station: string; ts: number; item: string; event: ItemEventKind } & ItemEventDetail)
  | { kind: 'stale'; station: string; ts: number; reason: string };

export type AlarmPriority = 1 | 2 | 3 | 4;
