import { EventEmitter } from 'node:events';
import type { IpcRenderer } from 'electron';
import { describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, IPC_PORT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../src-main/shared/bridge';
import { createPreloadBridge } from '../../src-main/electron/preload-api';

function fakeIpcRenderer() {
  const events = new EventEmitter();
  const invoked: unknown[][] = [];
  return {
    invoked,
    events,
    ipc: ({
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return args[1] === 'getHealth' ? { ok: false, error: 'engine stopped' } : { ok: true, result: `result of ${String(args[1])}` };
      },
      on: (channel: string, listener: (...a: unknown[]) => void) => {
        events.on(channel, listener);
      },
    } as unknown as Pick<IpcRenderer, 'invoke' | 'on'>),
  };
}

describe('preload TwinBridge (window.twin) against the bridge contract', () => {
  it('sends every bridge method over the one request channel', async () => {
    const f = fakeIpcRenderer();
    const bridge = createPreloadBridge(f.ipc);
    expect(bridge.transport).toBe('electron');
    for (const method of BRIDGE_METHODS.filter((m) => m !== 'getHealth')) {
      await expect(bridge.request(method, undefined as never)).resolves.toBe(`result of ${method}`);
    }
    expect(f.invoked.every(([channel]) => channel === IPC_REQUEST_CHANNEL)).toBe(true);
    expect(f.invoked.map(([, m]) => m)).toEqual(BRIDGE_METHODS.filter((m) => m !== 'getHealth'));
  });

  it('turns an error result into a rejected promise and refuses unknown methods without IPC', async () => {
    const f = fakeIpcRenderer();
    const bridge = createPreloadBridge(f.ipc);
    await expect(bridge.request('getHealth', undefined)).rejects.toThrow('engine stopped');
    await expect(bridge.request('dropTables' as never, undefined as never)).rejects.toThrow(/unknown method/);
    expect(f.invoked).toHaveLength(1);
  });

  it('delivers streams from the MessagePort the main process sends', () => {
    const f = fakeIpcRenderer();
    const bridge = createPreloadBridge(f.ipc);
    const frames: unknown[] = [];
    const off = bridge.on('frame', (fr) => frames.push(fr));
    const port = { onmessage: undefined as undefined | ((m: { data: unknown }) => void), postMessage() {}, start() {} };
    f.events.emit(IPC_PORT_CHANNEL, { ports: [port] });
    port.onmessage?.({ data: { stream: 'frame', value: { seq: 1 } } });
    port.onmessage?.({ data: { stream: 'plant', value: { id: 'x' } } });
    off();
    port.onmessage?.({ data: { stream: 'frame', value: { seq: 2 } } });
    expect(frames).toEqual([{ seq: 1 }]);
  });

  it('acknowledges each frame on the port after the page has taken it, and only frames', () => {
    const f = fakeIpcRenderer();
    const bridge = createPreloadBridge(f.ipc);
    const log: unknown[] = [];
    bridge.on('frame', (fr) => log.push(['frame', fr.seq]));
    bridge.on('plant', () => {
      throw new Error('a broken listener');
    });
    const port = { onmessage: undefined as undefined | ((m: { data: unknown }) => void), postMessage: (m: unknown) => log.push(['ack', m]), start() {} };
    f.events.emit(IPC_PORT_CHANNEL, { ports: [port] });
    port.onmessage?.({ data: { stream: 'frame', value: { seq: 41 }, ackId: 1 } });
    port.onmessage?.({ data: { stream: 'plant', value: { id: 'x' } } });
    port.onmessage?.({ data: { stream: 'frame', value: { seq: 42 }, ackId: 2 } });
    expect(log).toEqual([['frame', 41], ['ack', { ackId: 1 }], ['frame', 42], ['ack', { ackId: 2 }]]);
  });
});
