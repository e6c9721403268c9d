import { create } from 'zustand';
import type { Bookmark, ReplayOverview, ReplayStatus } from '../../src-main/shared/replay';
import type { Frame } from '../../src-main/shared/views';
import type { TimeRange } from './timeline-math';

/** The timeline re-renders at this rate at most while a replay plays; the readout needs no more. */
export const REPLAY_REFRESH_MS = 250;

export interface ReplayState {
  /** The replay as React last saw it (at most every REPLAY_REFRESH_MS while playing); null when live. */
  status: ReplayStatus | null;
  overview: ReplayOverview | undefined;
  /** The part of the recording the scrubber shows when zoomed in; undefined: all of it. */
  view: TimeRange | undefined;
  /** Live bookmarks (the recorder's); in replay they come with the overview. */
  liveBookmarks: Bookmark[];
  /** Bumped when the replay jumps (open, seek, loop, back to live): panels that fetch history refetch. */
  epoch: number;
  /** Takes the frame's replay status; true when it jumped (see `isJump`). */
  applyFrame(frame: Frame, now?: number): boolean;
  setStatus(status: ReplayStatus | null): void;
  /**
   * A seek the user just asked for: shown at once, and frames sent before the host got there do
   * not pull the position back, until `endSeek` (when the host's answer is in).
   */
  beginSeek(t: number): void;
  endSeek(): void;
  setOverview(overview: ReplayOverview | undefined): void;
  setView(view: TimeRange | undefined): void;
  setLiveBookmarks(list: Bookmark[]): void;
  bumpEpoch(): void;
}

let latest: ReplayStatus | null = null;
let seekTarget: number | undefined;
let frameClock = 0;
let lastSetAt = -Infinity;

/** The newest replay status from the frames, for hot paths that must not wait for React. */
export const latestReplay = (): ReplayStatus | null => latest;
/** The plant clock of the newest frame (live or replay): when a bookmark pressed now is. */
export const latestClock = (): number => frameClock;

/** What goes with a new status: another recording (or live) drops the old one's overview and zoom. */
function statusPatch(shown: ReplayStatus | null, next: ReplayStatus | null): Partial<ReplayState> {
  if (next === null) return { status: null, overview: undefined, view: undefined };
  if (shown?.path !== next.path) return { status: next, overview: undefined, view: undefined };
  return { status: next };
}

/**
 * A jump the renderer's merged state cannot follow by deltas: live to replay or back, another
 * recording, or time going backwards (a seek back, a loop starting over, from this or another
 * viewer of the same host). Stations seen later may have no data at the earlier time.
 */
export function isJump(prev: ReplayStatus | null, next: ReplayStatus | null): boolean {
  if (prev === null || next === null) return prev !== next;
  return prev.path !== next.path || next.position < prev.position;
}

/** Changes React must show at once: a switch between live and replay, or a control the user just used. */
function changedShape(a: ReplayStatus | null, b: ReplayStatus | null): boolean {
  if (a === null || b === null) return a !== b;
  return a.path !== b.path || a.playing !== b.playing || a.speed !== b.speed || a.buffering !== b.buffering || a.loop?.from !== b.loop?.from || a.loop?.to !== b.loop?.to || a.notices.length !== b.notices.length;
}

export const useReplayStore = create<ReplayState>((set, get) => ({
  status: null,
  overview: undefined,
  view: undefined,
  liveBookmarks: [],
  epoch: 0,
  applyFrame: (frame, now = performance.now()) => {
    const next = frame.replay && seekTarget !== undefined ? { ...frame.replay, position: seekTarget } : (frame.replay ?? null);
    const jumped = isJump(latest, next);
    latest = next;
    frameClock = frame.clock;
    const shown = get().status;
    if (jumped) set({ epoch: get().epoch + 1 });
    if (latest !== shown && (jumped || changedShape(shown, latest) || now - lastSetAt >= REPLAY_REFRESH_MS)) {
      lastSetAt = now;
      set(statusPatch(shown, latest));
    }
    return jumped;
  },
  setStatus: (status) => {
    latest = status;
    lastSetAt = performance.now();
    set(statusPatch(get().status, status));
  },
  beginSeek: (t) => {
    seekTarget = t;
    const shown = get().status;
    if (latest) latest = { ...latest, position: t };
    if (shown) set({ status: { ...shown, position: t } });
  },
  endSeek: () => {
    seekTarget = undefined;
  },
  setOverview: (overview) => set({ overview }),
  setView: (view) => set({ view }),
  setLiveBookmarks: (liveBookmarks) => set({ liveBookmarks }),
  bumpEpoch: () => set({ epoch: get().epoch + 1 }),
}));
