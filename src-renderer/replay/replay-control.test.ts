import { beforeEach, describe, expect, it } from 'vitest';
import type { BridgeMethod, BridgeMethods, TwinBridge } from '../../src-main/shared/bridge';
import type { ReplayStatus } from '../../src-main/shared/replay';
import { replayControl } from './replay-control';
import { useReplayStore } from './replay-store';

/** Just enough of replay-core's side to see which requests the timeline makes and what it shows after. */
function fakeBridge(): { bridge: TwinBridge; calls: Array<[BridgeMethod, unknown]> } {
  const calls: Array<[BridgeMethod, unknown]> = [];
  let replay: ReplayStatus | null = null;
  const answers: Partial<{ [M in BridgeMethod]: (p: BridgeMethods[M]['params']) => BridgeMethods[M]['result'] }> = {
    openRecording: ({ path }) => (replay = { path, plantId: 'p', start: 100, end: 900, position: 100, speed: 1, playing: false, buffering: false, notices: [] }),
    getReplay: () => replay,
    replaySeek: ({ t }) => {
      if (replay) replay.position = t;
      return replay!;
    },
    replayLoop: (p) => {
      if (replay) replay.loop = 'off' in p ? undefined : p;
      return replay!;
    },
    goLive: () => {
      replay = null;
      return { kind: 'demo', connected: true, connection: 'connected', url: '' };
    },
    getReplayOverview: () => ({ start: 100, end: 900, lines: {}, alarms: [], bookmarks: [{ id: 'b', at: 200, note: 'n', by: 'o' }] }),
    listBookmarks: () => [{ id: 'live', at: 5, note: 'live note', by: 'o' }],
    getSnapshot: () => ({ plantId: 'p', clock: replay?.position ?? 0, stations: {}, lines: {}, alarms: [] }),
    addBookmark: ({ note, at }) => ({ id: 'new', at: at ?? 0, note, by: 'o' }),
  };
  const bridge: TwinBridge = {
    transport: 'websocket',
    request: (method, params) => {
      calls.push([method, params]);
      const answer = answers[method] as ((p: unknown) => unknown) | undefined;
      return answer ? Promise.resolve(answer(params) as never) : Promise.reject(new Error(`unexpected ${method}`));
    },
    on: () => () => undefined,
  };
  return { bridge, calls };
}

describe('replay control', () => {
  beforeEach(() => useReplayStore.getState().setStatus(null));

  it('opens a recording: the status and the overview are shown without waiting for a frame', async () => {
    const { bridge, calls } = fakeBridge();
    const epoch = useReplayStore.getState().epoch;
    await replayControl(bridge).open('/rec/a');
    expect(calls.map((c) => c[0])).toEqual(['openRecording', 'getReplay', 'getSnapshot', 'getReplayOverview']);
    expect(useReplayStore.getState().status?.path).toBe('/rec/a');
    expect(useReplayStore.getState().overview?.bookmarks[0]?.id).toBe('b');
    expect(useReplayStore.getState().epoch).toBe(epoch + 1);
  });

  it('a seek shows the new position at once, and reads the whole state once the host is there', async () => {
    const { bridge, calls } = fakeBridge();
    const c = replayControl(bridge);
    await c.open('/rec/a');
    const seeking = c.seek(555);
    expect(useReplayStore.getState().status?.position).toBe(555);
    await seeking;
    expect(calls.slice(-3).map((x) => x[0])).toEqual(['replaySeek', 'getReplay', 'getSnapshot']);
    expect(useReplayStore.getState().status?.position).toBe(555);
  });

  it('sets and ends a loop with the contract params', async () => {
    const { bridge, calls } = fakeBridge();
    const c = replayControl(bridge);
    await c.open('/rec/a');
    await c.loop({ from: 200, to: 300 });
    expect(useReplayStore.getState().status?.loop).toEqual({ from: 200, to: 300 });
    await c.loop(undefined);
    expect(calls.filter((x) => x[0] === 'replayLoop').map((x) => x[1])).toEqual([{ from: 200, to: 300 }, { off: true }]);
    expect(useReplayStore.getState().status?.loop).toBeUndefined();
  });

  it('bookmarks: live without a time (the host stamps it), in replay at the position; markers reload', async () => {
    const { bridge, calls } = fakeBridge();
    const c = replayControl(bridge);
    await c.addBookmark('live note');
    expect(calls.slice(0, 2)).toEqual([
      ['addBookmark', { note: 'live note' }],
      ['listBookmarks', undefined],
    ]);
    expect(useReplayStore.getState().liveBookmarks[0]?.id).toBe('live');
    await c.open('/rec/a');
    await c.addBookmark('here', 345);
    expect(calls.at(-2)).toEqual(['addBookmark', { note: 'here', at: 345 }]);
    expect(calls.at(-1)?.[0]).toBe('getReplayOverview');
  });

  it('back to live clears the replay and its overview', async () => {
    const { bridge } = fakeBridge();
    const c = replayControl(bridge);
    await c.open('/rec/a');
    await c.goLive();
    expect(useReplayStore.getState().status).toBeNull();
    expect(useReplayStore.getState().overview).toBeUndefined();
  });
});
