/**
 * What an operator does to alarms. Actions go through the engine like telemetry, so a
 * recording captures them and a replay shows who acknowledged what, and when.
 */
export type OperatorAction =
  | { kind: 'ack'; id: string; by: string }
  /** `ids`: the alarms the operator sees in a filtered list; without it every alarm. */
  | { kind: 'ackAll'; ids?: string[]; by: string }
  | { kind: 'shelve'; id: string; minutes: number; by: string }
  | { kind: 'unshelve'; id: string; by: string }
  | { kind: 'outOfService'; id: string; outOfService: boolean; by: string };

export type AppliedOperatorAction = OperatorAction & { at: number };

/** Shelving is time-limited (ISA-18.2); a day is the longest a plant usually allows. */
export const MAX_SHELVE_MINUTES = 24 * 60;
export const DEFAULT_OPERATOR = 'operator';
