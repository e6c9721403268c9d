import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import { IPC_PORT_CHANNEL, IPC_REQUEST_CHANNEL, isBridgeMethod, type TwinBridge } from '../shared/bridge';
import { BridgeListeners } from '../shared/bridge-listeners';
import { IPC_SHELL_COMMAND_CHANNEL, IPC_SHELL_REQUEST_CHANNEL, type ShellApi, type ShellCommand } from '../shared/wall-view';
import type { PortAckMessage, PortStreamMessage } from './port-messages';

interface IpcResult {
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** The renderer's end of the stream port: messages in, acknowledgements out. */
interface StreamPortEnd {
  onmessage: ((msg: { data?: Partial<PortStreamMessage> }) => void) | null;
  postMessage(message: PortAckMessage): void;
  start(): void;
}

/**
 * `window.twin` in the Electron renderer: requests over `ipcRenderer.invoke`, streams from the
 * MessagePort the main process hands over. Nothing of Electron itself reaches the page. A frame
 * is acknowledged once the page's listeners have taken it, so a renderer whose thread is stuck
 * stops acknowledging and the main process stops sending.
 */
export function createPreloadBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): TwinBridge {
  const listeners = new BridgeListeners();
  ipc.on(IPC_PORT_CHANNEL, (event: IpcRendererEvent) => {
    const port = event.ports[0] as StreamPortEnd | undefined;
    if (!port) return;
    port.onmessage = (msg) => {
      listeners.emit(msg.data?.stream, msg.data?.value);
      if (typeof msg.data?.ackId === 'number') port.postMessage({ ackId: msg.data.ackId });
    };
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

export function createShellApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, webUtils: Pick<WebUtils, 'getPathForFile'>): ShellApi {
  return {
    pathForFile: (file) => webUtils.getPathForFile(file),
    async request(request) {
      const res = (await ipc.invoke(IPC_SHELL_REQUEST_CHANNEL, request)) as IpcResult;
      if (!res.ok) throw new Error(res.error ?? 'request failed');
      return res.result;
    },
    onCommand(listener) {
      // Only the command crosses into the page, never Electron's event object.
      const wrapped = (_event: IpcRendererEvent, command: ShellCommand): void => listener(command);
      ipc.on(IPC_SHELL_COMMAND_CHANNEL, wrapped);
      return () => void ipc.removeListener(IPC_SHELL_COMMAND_CHANNEL, wrapped);
    },
  };
}
