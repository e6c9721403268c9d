import type { MessageChannelMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { Engine } from '../../src-main/core/engine';
import { FramePublisher } from '../../src-main/core/frame-publisher';
import { MAX_UNACKED_FRAMES, openStreamPort } from '../../src-main/electron/frame-port';
import { createPreloadBridge } from '../../src-main/electron/preload-api';
import type { PortStreamMessage } from '../../src-main/electron/port-messages';
import { IPC_PORT_CHANNEL } from '../../src-main/shared/bridge';
import type { Frame } from '../../src-main/shared/views';
import { tinyPlant, utf8 } from '../support/plants';
import { createElectronStandIn } from './electron-stand-in';

function setup() {
  const standIn = createElectronStandIn();
  const contents = new standIn.FakeWebContents();
  const clock = new ManualClock(1_000_000);
  const engine = new Engine({ plant: tinyPlant(), clock });
  const publisher = new FramePublisher(engine);
  const port = openStreamPort(contents as unknown as WebContents, standIn.module.MessageChannelMain as unknown as typeof MessageChannelMain);
  publisher.add(port.sink);
  const main = standIn.channels[0]!.port1;
  const framesPosted = () => (main.posted as PortStreamMessage[]).filter((m) => m.stream === 'frame');
  const ack = (data: unknown) => main.emit('message', { data, ports: [] });
  const state = (station: string, s: string) => engine.ingest({ topic: `test/tiny/L1/${station}/state`, payload: utf8(JSON.stringify({ state: s })), receivedAt: clock.now(), retain: false, qos: 0 });
  const skipped = () => engine.health().stats.droppedByBuffer['frames-skipped'] ?? 0;
  return { contents, engine, publisher, port, main, framesPosted, ack, state, skipped };
}

describe('frame port back-pressure (main → renderer MessagePort)', () => {
  it('a renderer that never acknowledges gets a bounded number of frames; the rest are counted as skipped', () => {
    const { publisher, framesPosted, state, skipped, engine } = setup();
    for (let i = 0; i < 300; i += 1) {
      state('A', i % 2 ? 'RUNNING' : 'IDLE');
      publisher.tick();
    }
    expect(framesPosted()).toHaveLength(MAX_UNACKED_FRAMES);
    expect(skipped()).toBe(300 - MAX_UNACKED_FRAMES);
    expect(engine.health().stats.dropped).toBeGreaterThanOrEqual(300 - MAX_UNACKED_FRAMES);
  });

  it('resumes with one full frame of the latest state once the renderer acknowledges', () => {
    const { publisher, framesPosted, state, ack } = setup();
    for (let i = 0; i < 10; i += 1) publisher.tick();
    state('B', 'FAULT');
    publisher.tick();
    expect(framesPosted()).toHaveLength(MAX_UNACKED_FRAMES);
    ack({ ackId: framesPosted().at(-1)!.ackId });
    publisher.tick();
    const resumed = framesPosted().at(-1)!;
    expect(framesPosted()).toHaveLength(MAX_UNACKED_FRAMES + 1);
    expect(Object.keys((resumed.value as Frame).stations).sort()).toEqual(['A', 'B']);
    expect((resumed.value as Frame).stations.B?.state).toBe('FAULT');
  });

  it('ignores acknowledgements of frames never sent and malformed ones', () => {
    const { publisher, framesPosted, ack } = setup();
    for (const junk of [{ ackId: 1_000 }, { ackId: -1 }, { ackId: 1.5 }, { ackId: '4' }, null, 'ack', 7]) ack(junk);
    for (let i = 0; i < 20; i += 1) publisher.tick();
    expect(framesPosted()).toHaveLength(MAX_UNACKED_FRAMES);
  });

  it('is not ready and posts nothing once closed or once its web contents is gone', () => {
    const { port, main } = setup();
    port.close();
    expect(main.closed).toBe(true);
    expect(port.sink.ready()).toBe(false);
    const other = setup();
    other.contents.isDestroyed = () => true;
    expect(other.port.sink.ready()).toBe(false);
    other.port.post('plant', {});
    expect(other.main.posted).toEqual([]);
  });

  it('a renderer behind the real preload bridge acknowledges every frame and misses none', () => {
    const { contents, publisher, main, state, skipped } = setup();
    const handOver: Array<(e: unknown) => void> = [];
    const ipc = { on: (channel: string, listener: (e: unknown) => void) => channel === IPC_PORT_CHANNEL && handOver.push(listener), invoke: async () => ({ ok: true }) };
    const bridge = createPreloadBridge(ipc as never);
    const rendererEnd = {
      onmessage: null as null | ((m: { data: unknown }) => void),
      postMessage: (data: unknown) => main.emit('message', { data, ports: [] }),
      start() {},
    };
    main.postMessage = (message: unknown) => rendererEnd.onmessage?.({ data: structuredClone(message) });
    expect(contents.posted).toHaveLength(1);
    handOver[0]!({ ports: [rendererEnd] });
    const seen: Frame[] = [];
    bridge.on('frame', (f) => seen.push(f));
    for (let i = 0; i < 100; i += 1) {
      state('A', i % 2 ? 'RUNNING' : 'BLOCKED');
      publisher.tick();
    }
    expect(seen).toHaveLength(100);
    expect(seen.at(-1)?.stations.A?.state).toBe('RUNNING');
    expect(skipped()).toBe(0);
  });
});
