import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplayStatus } from '../../src-main/shared/replay';
import type { Frame } from '../../src-main/shared/views';
import { latestClock, latestReplay, REPLAY_REFRESH_MS, useReplayStore } from './replay-store';

const status = (over: Partial<ReplayStatus> = {}): ReplayStatus => ({ path: '/r', plantId: 'p', start: 0, end: 1000, position: 0, speed: 1, playing: true, buffering: false, notices: [], ...over });
const frame = (clock: number, replay?: ReplayStatus): Frame => ({
  seq: clock,
  clock,
  stations: {},
  lines: {},
  health: { ok: true, source: { kind: replay ? 'replay' : 'demo', connected: true, connection: 'connected', url: '' }, stats: { messages: 0, messagesPerSecond: 0, decodeErrors: 0, dropped: 0, unknownTopics: 0, decodeErrorsByReason: {}, droppedByBuffer: {} } },
  ...(replay ? { replay } : {}),
});

describe('replay store', () => {
  beforeEach(() => {
    useReplayStore.getState().setStatus(null);
  });

  it('shows a switch to replay at once, then positions at the refresh rate while every frame is read transiently', () => {
    const s = useReplayStore.getState();
    s.applyFrame(frame(10, status({ position: 10 })), 1000);
    expect(useReplayStore.getState().status?.position).toBe(10);
    s.applyFrame(frame(20, status({ position: 20 })), 1000 + REPLAY_REFRESH_MS / 2);
    expect(useReplayStore.getState().status?.position).toBe(10);
    expect(latestReplay()?.position).toBe(20);
    expect(latestClock()).toBe(20);
    s.applyFrame(frame(30, status({ position: 30 })), 1000 + REPLAY_REFRESH_MS);
    expect(useReplayStore.getState().status?.position).toBe(30);
  });

  it('shows a pause, a speed or a loop at once', () => {
    const s = useReplayStore.getState();
    s.applyFrame(frame(10, status()), 5000);
    s.applyFrame(frame(11, status({ playing: false })), 5001);
    expect(useReplayStore.getState().status?.playing).toBe(false);
    s.applyFrame(frame(12, status({ playing: false, speed: 'max' })), 5002);
    expect(useReplayStore.getState().status?.speed).toBe('max');
    s.applyFrame(frame(13, status({ playing: false, speed: 'max', loop: { from: 1, to: 2 } })), 5003);
    expect(useReplayStore.getState().status?.loop).toEqual({ from: 1, to: 2 });
  });

  it('goes back to live (no replay in the frame) at once and forgets the recording overview', () => {
    const s = useReplayStore.getState();
    s.applyFrame(frame(10, status()), 9000);
    s.setOverview({ start: 0, end: 1000, lines: {}, alarms: [], bookmarks: [] });
    s.applyFrame(frame(11), 9001);
    expect(useReplayStore.getState().status).toBeNull();
    expect(useReplayStore.getState().overview).toBeUndefined();
    expect(latestReplay()).toBeNull();
  });

  it('does not re-render anything for live frames', () => {
    let renders = 0;
    const off = useReplayStore.subscribe(() => renders++);
    for (let i = 0; i < 100; i++) useReplayStore.getState().applyFrame(frame(i), i * 1000);
    off();
    expect(renders).toBe(0);
  });

  it('another recording drops the old one\'s overview and zoom; the same one keeps them', () => {
    const s = useReplayStore.getState();
    s.applyFrame(frame(10, status()), 20_000);
    s.setOverview({ start: 0, end: 1000, lines: {}, alarms: [], bookmarks: [] });
    s.setView({ from: 100, to: 200 });
    s.applyFrame(frame(11, status({ position: 500 })), 30_000);
    expect(useReplayStore.getState().view).toEqual({ from: 100, to: 200 });
    expect(useReplayStore.getState().overview).toBeDefined();
    s.applyFrame(frame(12, status({ path: '/other' })), 30_001);
    expect(useReplayStore.getState().view).toBeUndefined();
    expect(useReplayStore.getState().overview).toBeUndefined();
  });

  it('frames sent before the host got to a seek do not pull the position back', () => {
    const s = useReplayStore.getState();
    s.applyFrame(frame(10, status({ position: 100, playing: false })), 40_000);
    s.beginSeek(700);
    expect(useReplayStore.getState().status?.position).toBe(700);
    expect(latestReplay()?.position).toBe(700);
    s.applyFrame(frame(11, status({ position: 100, playing: false })), 40_500);
    expect(latestReplay()?.position).toBe(700);
    expect(useReplayStore.getState().status?.position).toBe(700);
    s.endSeek();
    s.applyFrame(frame(12, status({ position: 700, playing: false })), 41_000);
    expect(useReplayStore.getState().status?.position).toBe(700);
  });
});
