import type { WebSocket } from 'ws';
import type { BridgeCaller, BridgeStream, WireMessage, WireRequest } from '../shared/bridge';
import { logInternalError, type Log } from './internal-error';
import { BridgeRequestError, type Runtime } from './runtime';

/** A browser that has not read this much of its frames yet is skipped until it catches up. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

function parseRequest(data: unknown): WireRequest | undefined {
  try {
    const msg = JSON.parse(String(data)) as Partial<WireRequest>;
    if (msg.type === 'req' && typeof msg.id === 'number' && typeof msg.method === 'string') return msg as WireRequest;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Serves the TwinBridge to one browser over a WebSocket; `caller`: whose token opened it. */
export function serveBridge(ws: WebSocket, runtime: Runtime, caller: BridgeCaller, log: Log): void {
  const send = (msg: WireMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const stream = (name: BridgeStream, value: unknown): void => send({ type: 'stream', stream: name, value });
  const removeSink = runtime.addFrameSink({
    send: (frame) => stream('frame', frame),
    ready: () => ws.readyState === ws.OPEN && ws.bufferedAmount < MAX_BUFFERED_BYTES,
  });
  const removePlant = runtime.onPlant((plant) => stream('plant', plant));

  ws.on('message', (data) => {
    const req = parseRequest(data);
    if (!req) {
      runtime.engine.counters.dropped.add('bridge-bad-request');
      return;
    }
    runtime.request(req.method, req.params, caller).then(
      (result) => send({ type: 'res', id: req.id, ok: true, result }),
      (err: unknown) => {
        const error = err instanceof BridgeRequestError ? err.message : `internal error ${logInternalError(log, err, `bridge ${req.method.slice(0, 40)}`)}`;
        send({ type: 'res', id: req.id, ok: false, error });
      },
    );
  });
  ws.on('close', () => {
    removeSink();
    removePlant();
  });
}
