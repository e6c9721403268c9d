import type { TwinBridge } from '../../src-main/shared/bridge';
import type { Bookmark, ReplayStatus } from '../../src-main/shared/replay';
import { resyncTwin } from './follow-frames';
import { useReplayStore } from './replay-store';
import type { ReplaySpeed } from './timeline-math';

export interface ReplayControl {
  open(path: string): Promise<void>;
  play(speed?: ReplaySpeed): Promise<void>;
  pause(): Promise<void>;
  seek(t: number): Promise<void>;
  step(ms: number): Promise<void>;
  loop(range: { from: number; to: number } | undefined): Promise<void>;
  goLive(): Promise<void>;
  addBookmark(note: string, at?: number): Promise<Bookmark>;
  /** The overview of the recording open now (bands, alarms, bookmarks), or the live bookmarks. */
  loadMarkers(): Promise<void>;
}

/**
 * The timeline's requests. After each one the status is read back, so the timeline shows where
 * the replay went without waiting for a frame. After a jump the whole state is read once (frames
 * carry only changes) and the epoch bumps so history panels refetch.
 */
export function replayControl(bridge: TwinBridge): ReplayControl {
  const store = useReplayStore.getState;
  const refresh = async (): Promise<void> => {
    const status: ReplayStatus | null | undefined = await bridge.request('getReplay', undefined);
    store().setStatus(status ?? null);
  };
  const act = async (request: Promise<unknown>, jumped: boolean): Promise<void> => {
    await request;
    await refresh();
    if (jumped) {
      await resyncTwin(bridge);
      store().bumpEpoch();
    }
  };
  const loadMarkers = async (): Promise<void> => {
    if (store().status) store().setOverview(await bridge.request('getReplayOverview', undefined));
    else store().setLiveBookmarks((await bridge.request('listBookmarks', undefined)) ?? []);
  };
  return {
    open: async (path) => {
      await act(bridge.request('openRecording', { path }), true);
      await loadMarkers();
    },
    play: (speed) => act(bridge.request('replayPlay', speed === undefined ? {} : { speed }), false),
    pause: () => act(bridge.request('replayPause', undefined), false),
    seek: async (t) => {
      store().beginSeek(t);
      try {
        await act(bridge.request('replaySeek', { t }), true);
      } finally {
        store().endSeek();
      }
    },
    step: (ms) => act(bridge.request('replayStep', { ms }), false),
    loop: (range) => act(bridge.request('replayLoop', range ?? { off: true }), false),
    goLive: async () => {
      await act(bridge.request('goLive', undefined), true);
      await loadMarkers();
    },
    addBookmark: async (note, at) => {
      const b = await bridge.request('addBookmark', at === undefined ? { note } : { note, at });
      await loadMarkers();
      return b;
    },
    loadMarkers,
  };
}
