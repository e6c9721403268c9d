import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_PORT_CHANNEL, IPC_REQUEST_CHANNEL, isBridgeMethod, type TwinBridge } from '../shared/bridge';
import { BridgeListeners } from '../shared/bridge-listeners';

interface IpcResult {
  ok: boolean;
  result?: unknown;
  error?: string;
}

/**
 * `window.twin` in the Electron renderer: requests over `ipcRenderer.invoke`, streams from the
 * MessagePort the main process hands over. Nothing of Electron itself reaches the page.
 */
export function createPreloadBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): TwinBridge {
  const listeners = new BridgeListeners();
  ipc.on(IPC_PORT_CHANNEL, (event: IpcRendererEvent) => {
    const port = event.ports[0];
    if (!port) return;
    port.onmessage = (msg: { data?: { stream?: unknown; value?: unknown } }) => listeners.emit(msg.data?.stream, msg.data?.value);
    port.start();
  });
  return {
    transport: 'electron',
    async request(method, params) {
      if (!isBridgeMethod(method)) throw new Error(`unknown method ${String(method)}`);
      const res = (await ipc.invoke(IPC_REQUEST_CHANNEL, method, params)) as IpcResult;
      if (!res.ok) throw new Error(res.error ?? 'request failed');
      return res.result as never;
    },
    on: (stream, listener) => listeners.on(stream, listener),
  };
}
