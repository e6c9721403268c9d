/** The common MES state set (DOMAIN.md); PackML names are mapped onto it by the decoders. */
export const STATION_STATES = ['RUNNING', 'IDLE', 'STARVED', 'BLOCKED', 'FAULT', 'MAINTENANCE', 'OFFLINE'] as const;
export type StationState = (typeof STATION_STATES)[number];

export function isStationState(value: unknown): value is StationState {
  return typeof value === 'string' && (STATION_STATES as readonly string[]).includes(value);
}

const PACKML_TO_STATE: Record<string, StationState> = {
  EXECUTE: 'RUNNING',
  IDLE: 'IDLE',
  STOPPED: 'IDLE',
  COMPLETE: 'IDLE',
  HELD: 'STARVED',
  SUSPENDED: 'BLOCKED',
  ABORTED: 'FAULT',
  ABORTING: 'FAULT',
  MAINTENANCE: 'MAINTENANCE',
};

/** Accepts the MES names and PackML state names (case-insensitive); undefined when neither. */
export function normalizeState(value: unknown): StationState | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  if (isStationState(upper)) return upper;
  return PACKML_TO_STATE[upper];
}
