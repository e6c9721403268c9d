import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_REQUEST_CHANNEL, LOCAL_OPERATOR, type BridgeCaller } from '../shared/bridge';
import { IPC_SHELL_REQUEST_CHANNEL, parseShellRequest, type ShellRequest } from '../shared/wall-view';

export interface BridgeRequestHandler {
  request(method: unknown, params: unknown, caller: BridgeCaller): Promise<unknown>;
}

export type IpcResult = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * One channel for every bridge request. Only the app's own main frame may call it; the
 * method name and parameters are checked by the runtime, and errors come back as values so
 * no stack trace crosses into the renderer. The window's user is the local operator, except
 * where `callerOf` says otherwise (exhibition mode: visitors at the screen only watch).
 */
export function registerBridgeIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handler: BridgeRequestHandler,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  callerOf: () => BridgeCaller = () => LOCAL_OPERATOR,
): void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, method: unknown, params: unknown): Promise<IpcResult> => {
    if (!isTrustedSender(event)) return { ok: false, error: 'untrusted sender' };
    try {
      return { ok: true, result: await handler.request(method, params, callerOf()) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'request failed' };
    }
  });
}

/** The shell's own requests (`window.twinShell`): from the app's main frame only, checked before they are handled. */
export function registerShellIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handle: (request: ShellRequest, event: IpcMainInvokeEvent) => unknown,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(IPC_SHELL_REQUEST_CHANNEL, async (event, raw: unknown): Promise<IpcResult> => {
    if (!isTrustedSender(event)) return { ok: false, error: 'untrusted sender' };
    const request = parseShellRequest(raw);
    if (!request) return { ok: false, error: 'bad shell request' };
    try {
      return { ok: true, result: (await handle(request, event)) ?? null };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'request failed' };
    }
  });
}
