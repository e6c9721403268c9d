/** The parent as the forecast process sees it, whichever way it was started. */
export interface ParentChannel {
  onMessage(handler: (message: unknown) => void): void;
  post(message: unknown): void;
}

/** What `process` offers a child: Electron's utility-process port, or Node's IPC channel from `fork`. */
export interface ChildProcessSide {
  parentPort?: { on(event: 'message', handler: (e: { data: unknown }) => void): unknown; postMessage(message: unknown): void };
  send?: (message: unknown) => boolean;
  on(event: 'message', handler: (message: unknown) => void): unknown;
}

/**
 * The shell starts the forecast with Electron's `utilityProcess.fork` (its fuses forbid running
 * Electron as Node, so `child_process.fork` is not there); the headless host with Node's `fork`.
 */
export function parentChannel(proc: ChildProcessSide): ParentChannel {
  const port = proc.parentPort;
  if (port) return { onMessage: (handler) => void port.on('message', (e) => handler(e.data)), post: (message) => port.postMessage(message) };
  const send = proc.send?.bind(proc);
  if (!send) throw new Error('the forecast process has no parent to answer: it is started by the app (fork or utilityProcess.fork), not by hand');
  return { onMessage: (handler) => void proc.on('message', handler), post: (message) => void send(message) };
}
