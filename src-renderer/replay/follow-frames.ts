import type { TwinBridge } from '../../src-main/shared/bridge';
import { useTwinStore } from '../store/twin-store';
import { useReplayStore } from './replay-store';

/** The whole state read once from the host, replacing what frames merged. */
export function resyncTwin(bridge: TwinBridge): Promise<void> {
  return bridge.request('getSnapshot', undefined).then(
    (snapshot) => useTwinStore.getState().applySnapshot(snapshot),
    () => undefined,
  );
}

/**
 * Feeds frames to the twin and the replay state. Frames carry what changed, merged into the
 * twin; after a replay jump that merge would keep stations from the later time, so the whole
 * state is read once from the host and replaces it.
 */
export function followFrames(bridge: TwinBridge): () => void {
  return bridge.on('frame', (frame) => {
    useTwinStore.getState().applyFrame(frame);
    if (useReplayStore.getState().applyFrame(frame)) void resyncTwin(bridge);
  });
}
