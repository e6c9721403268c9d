import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parentChannel } from '../../src-main/sim/forecast/parent-channel';

describe("the forecast process's parent channel", () => {
  it("uses Electron's utility-process port when there is one", () => {
    const port = new EventEmitter() as EventEmitter & { postMessage(m: unknown): void; sent: unknown[] };
    port.sent = [];
    port.postMessage = (m) => port.sent.push(m);
    const proc = Object.assign(new EventEmitter(), { parentPort: port, send: () => true });
    const channel = parentChannel(proc);
    const got: unknown[] = [];
    channel.onMessage((m) => got.push(m));
    port.emit('message', { data: { kind: 'pace', slow: true } });
    channel.post({ id: 1 });
    expect(got).toEqual([{ kind: 'pace', slow: true }]);
    expect(port.sent).toEqual([{ id: 1 }]);
  });

  it("uses Node's IPC channel when started by fork", () => {
    const sent: unknown[] = [];
    const proc = Object.assign(new EventEmitter(), { send: (m: unknown) => sent.push(m) > 0 });
    const channel = parentChannel(proc);
    const got: unknown[] = [];
    channel.onMessage((m) => got.push(m));
    proc.emit('message', { kind: 'forecast' });
    channel.post({ id: 2 });
    expect(got).toEqual([{ kind: 'forecast' }]);
    expect(sent).toEqual([{ id: 2 }]);
  });

  it('says how it is meant to start when it has no parent', () => {
    expect(() => parentChannel(new EventEmitter())).toThrow(/started by the app/);
  });
});
