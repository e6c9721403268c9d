import type { BridgeMethod, BridgeMethods, TwinBridge, WireMessage } from '../../src-main/shared/bridge';
import { BridgeListeners } from '../../src-main/shared/bridge-listeners';

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_RETRY_MS = 10_000;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The TwinBridge over the headless host's `/ws`. Reconnects with backoff when the host goes
 * away; requests made while disconnected fail at once rather than queue without bound.
 */
export class WebSocketBridge implements TwinBridge {
  readonly transport = 'websocket' as const;
  private ws: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new BridgeListeners();
  private retry = 0;
  private openWaiters: Array<() => void> = [];

  constructor(
    private readonly url: string,
    private readonly onConnection: (open: boolean) => void = () => undefined,
  ) {
    this.open();
  }

  request<M extends BridgeMethod>(method: M, params: BridgeMethods[M]['params']): Promise<BridgeMethods[M]['result']> {
    return this.whenOpen().then(
      () =>
        new Promise((resolve, reject) => {
          const id = this.nextId++;
          const timer = setTimeout(() => {
            this.pending.delete(id);
            reject(new Error(`${method} timed out`));
          }, REQUEST_TIMEOUT_MS);
          this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
          this.ws?.send(JSON.stringify({ type: 'req', id, method, params }));
        }),
    );
  }

  on: TwinBridge['on'] = (stream, listener) => this.listeners.on(stream, listener);

  private whenOpen(): Promise<void> {
    if (this.ws?.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not connected to the LineTwin host')), REQUEST_TIMEOUT_MS);
      this.openWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private open(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.onConnection(true);
      const waiters = this.openWaiters;
      this.openWaiters = [];
      for (const w of waiters) w();
    };
    ws.onmessage = (ev: MessageEvent<string>) => this.receive(ev.data);
    ws.onclose = () => {
      this.onConnection(false);
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new Error('connection to the LineTwin host lost'));
        this.pending.delete(id);
      }
      const delay = Math.min(MAX_RETRY_MS, 250 * 2 ** this.retry++);
      setTimeout(() => this.open(), delay);
    };
  }

  private receive(data: string): void {
    let msg: WireMessage;
    try {
      msg = JSON.parse(data) as WireMessage;
    } catch {
      return;
    }
    if (msg.type === 'stream') {
      this.listeners.emit(msg.stream, msg.value);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  }
}
