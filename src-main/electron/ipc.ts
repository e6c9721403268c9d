import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_REQUEST_CHANNEL, LOCAL_OPERATOR, type BridgeCaller } from '../shared/bridge';

export interface BridgeRequestHandler {
  request(method: unknown, params: unknown, caller: BridgeCaller): Promise<unknown>;
}

export type IpcResult = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * One channel for every bridge request. Only the app's own main frame may call it; the
 * method name and parameters are checked by the runtime, and errors come back as values so
 * no stack trace crosses into the renderer.
 */
export function registerBridgeIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handler: BridgeRequestHandler,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, method: unknown, params: unknown): Promise<IpcResult> => {
    if (!isTrustedSender(event)) return { ok: false, error: 'untrusted sender' };
    try {
      return { ok: true, result: await handler.request(method, params, LOCAL_OPERATOR) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'request failed' };
    }
  });
}
