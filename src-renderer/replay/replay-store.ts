import { create } from 'zustand';
import type { Bookmark, Frame, ReplayOverview, ReplayStatus } from '../../src-main/shared/views';

/** The timeline re-renders at this rate at most while a replay plays; the readout needs no more. */
export const REPLAY_REFRESH_MS = 250;

export interface ReplayState {
  /** The replay as React last saw it (at most every REPLAY_REFRESH_MS while playing); null when live. */
  status: ReplayStatus | null;
  overview: ReplayOverview | undefined;
  /** Live bookmarks (the recorder's); in replay they come with the overview. */
  liveBookmarks: Bookmark[];
  /** Bumped when the replay jumps (open, seek, loop, back to live): panels that fetch history refetch. */
  epoch: number;
  applyFrame(frame: Frame, now?: number): void;
  setStatus(status: ReplayStatus | null): void;
  setOverview(overview: ReplayOverview | undefined): void;
  setLiveBookmarks(list: Bookmark[]): void;
  bumpEpoch(): void;
}

let latest: ReplayStatus | null = null;
let frameClock = 0;
let lastSetAt = -Infinity;

/** The newest replay status from the frames, for hot paths that must not wait for React. */
export const latestReplay = (): ReplayStatus | null => latest;
/** The plant clock of the newest frame (live or replay): when a bookmark pressed now is. */
export const latestClock = (): number => frameClock;

/** Changes React must show at once: a switch between live and replay, or a control the user just used. */
function changedShape(a: ReplayStatus | null, b: ReplayStatus | null): boolean {
  if (a === null || b === null) return a !== b;
  return a.path !== b.path || a.playing !== b.playing || a.speed !== b.speed || a.buffering !== b.buffering || a.loop?.from !== b.loop?.from || a.loop?.to !== b.loop?.to || a.notices.length !== b.notices.length;
}

export const useReplayStore = create<ReplayState>((set, get) => ({
  status: null,
  overview: undefined,
  liveBookmarks: [],
  epoch: 0,
  applyFrame: (frame, now = performance.now()) => {
    latest = frame.replay ?? null;
    frameClock = frame.clock;
    const shown = get().status;
    if (latest === shown) return;
    if (changedShape(shown, latest) || now - lastSetAt >= REPLAY_REFRESH_MS) {
      lastSetAt = now;
      set({ status: latest, ...(latest === null ? { overview: undefined } : {}) });
    }
  },
  setStatus: (status) => {
    latest = status;
    lastSetAt = performance.now();
    set({ status, ...(status === null ? { overview: undefined } : {}) });
  },
  setOverview: (overview) => set({ overview }),
  setLiveBookmarks: (liveBookmarks) => set({ liveBookmarks }),
  bumpEpoch: () => set({ epoch: get().epoch + 1 }),
}));
