import { beforeEach, describe, expect, it } from 'vitest';
import type { BridgeStreams, TwinBridge } from '../../src-main/shared/bridge';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { ReplayStatus } from '../../src-main/shared/replay';
import type { Frame, Snapshot, StationView } from '../../src-main/shared/views';
import { useTwinStore } from '../store/twin-store';
import { followFrames } from './follow-frames';
import { isJump, useReplayStore } from './replay-store';

const replay = (position: number, path = '/r'): ReplayStatus => ({ path, plantId: 'p', start: 0, end: 1000, position, speed: 1, playing: true, buffering: false, notices: [] });
const station = (id: string, lastUpdate: number): StationView => ({ id, state: 'RUNNING', lastUpdate } as unknown as StationView);
const frame = (clock: number, stations: Record<string, StationView>, r?: ReplayStatus): Frame => ({
  seq: clock,
  clock,
  stations,
  lines: {},
  health: { ok: true, source: { kind: r ? 'replay' : 'demo', connected: true, connection: 'connected', url: '' }, stats: { messages: 0, messagesPerSecond: 0, decodeErrors: 0, dropped: 0, unknownTopics: 0, decodeErrorsByReason: {}, droppedByBuffer: {} } },
  ...(r ? { replay: r } : {}),
});

/** A host that sends the frames the test gives it and answers getSnapshot with the state at the replay position. */
function fakeHost(snapshot: () => Snapshot): { bridge: TwinBridge; send(f: Frame): void; snapshots: number; settle(): Promise<void> } {
  let listener: ((f: Frame) => void) | undefined;
  const host = {
    snapshots: 0,
    bridge: {
      transport: 'websocket',
      request: (method: string) => {
        if (method !== 'getSnapshot') return Promise.reject(new Error(method));
        host.snapshots++;
        return Promise.resolve(snapshot());
      },
      on: <S extends keyof BridgeStreams>(stream: S, l: (v: BridgeStreams[S]) => void) => {
        if (stream === 'frame') listener = l as (f: Frame) => void;
        return () => undefined;
      },
    } as TwinBridge,
    send: (f: Frame) => listener?.(f),
    settle: () => new Promise<void>((r) => setTimeout(r, 0)),
  };
  return host;
}

describe('following frames through replay jumps', () => {
  beforeEach(() => {
    useReplayStore.getState().setStatus(null);
    useTwinStore.getState().setPlant({ id: 'p', lines: [] } as unknown as PlantFile);
  });

  it('a seek back replaces the merged stations with the state at that time: a station with no data then is gone', async () => {
    const host = fakeHost(() => ({ plantId: 'p', clock: 100, stations: { A: station('A', 90) }, lines: {}, alarms: [] }));
    const off = followFrames(host.bridge);
    host.send(frame(800, { A: station('A', 800), B: station('B', 790) }, replay(800)));
    await host.settle();
    const afterOpen = host.snapshots;
    host.send(frame(810, { B: station('B', 810) }, replay(810)));
    await host.settle();
    expect(host.snapshots).toBe(afterOpen);
    expect(Object.keys(useTwinStore.getState().stations).sort()).toEqual(['A', 'B']);

    host.send(frame(100, { A: station('A', 90) }, replay(100)));
    await host.settle();
    expect(host.snapshots).toBe(afterOpen + 1);
    expect(Object.keys(useTwinStore.getState().stations)).toEqual(['A']);
    off();
  });

  it('counts as jumps: live to replay and back, another recording, time going backwards; not playing on', () => {
    expect(isJump(null, replay(5))).toBe(true);
    expect(isJump(replay(5), null)).toBe(true);
    expect(isJump(replay(5), replay(5, '/other'))).toBe(true);
    expect(isJump(replay(5), replay(4))).toBe(true);
    expect(isJump(replay(5), replay(6))).toBe(false);
    expect(isJump(null, null)).toBe(false);
  });

  it('a jump bumps the epoch at once, so history panels refetch for another viewer\'s seek too', () => {
    const epoch = useReplayStore.getState().epoch;
    useReplayStore.getState().applyFrame(frame(1, {}, replay(500)), 1);
    useReplayStore.getState().applyFrame(frame(2, {}, replay(100)), 2);
    expect(useReplayStore.getState().epoch).toBe(epoch + 2);
    expect(useReplayStore.getState().status?.position).toBe(100);
  });

  it('a snapshot of another plant than the one shown is not applied', () => {
    useTwinStore.getState().applyFrame(frame(1, { A: station('A', 1) }));
    useTwinStore.getState().applySnapshot({ plantId: 'q', clock: 1, stations: {}, lines: {}, alarms: [] });
    expect(Object.keys(useTwinStore.getState().stations)).toEqual(['A']);
  });
});
