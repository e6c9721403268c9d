/** Recording and replay as the renderer and `/api/*` see them (REPLAY-CONTRACT.md). */

/** A note at a moment of a session, added live or in replay. */
export interface Bookmark {
  id: string;
  at: number;
  note: string;
  by: string;
}

export type ReplaySpeed = number | 'max';

/** The speeds the player offers: plant time per wall time, or as fast as the CPU goes. */
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 10, 60, 600, 'max'];

export function isReplaySpeed(v: unknown): v is ReplaySpeed {
  return v === 'max' || (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 100_000);
}

/** A flight-recorder session (a folder of segments) or an MCAP file. */
export interface RecordingEntry {
  path: string;
  plantId: string;
  plantName: { zh: string; en: string };
  start: number;
  end: number;
  segments: number;
  bytes: number;
  source: string;
}

export interface ReplayStatus {
  path: string;
  plantId: string;
  start: number;
  end: number;
  position: number;
  speed: ReplaySpeed;
  playing: boolean;
  loop?: { from: number; to: number };
  /** A seek or a catch-up at the chosen speed is still on its way. */
  buffering: boolean;
  /** What the reader had to say about the recording: a truncated file, clock anomalies, … */
  notices: string[];
}

export type LineBand = 'running' | 'starved' | 'blocked' | 'fault' | 'stopped';

/** The whole recording at a glance: one state band per line, alarm markers and bookmarks. */
export interface ReplayOverview {
  start: number;
  end: number;
  lines: Record<string, Array<{ start: number; end: number; band: LineBand }>>;
  alarms: Array<{ t: number; id: string; priority: 1 | 2 | 3 | 4; station: string }>;
  bookmarks: Bookmark[];
  /** Still being computed (a fast pass over the recording runs after it opens). */
  partial?: boolean;
}
