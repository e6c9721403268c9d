import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ForecastJobResult, ToForecastProcess } from '../sim/forecast/forecast-process-protocol';

/** The forecast process's script in the built main bundle (`out/main`), an entry of its own. */
export const forecastScript = (mainDir: string): string => join(mainDir, 'forecast-process.js');

/** A forecast process as the service drives it: jobs in, results out, one end. */
export interface ForecastProcess {
  post(message: ToForecastProcess): void;
  onResult(handler: (result: ForecastJobResult) => void): void;
  /** Once, however it ended: exited, crashed or never started. */
  onEnd(handler: (why: string) => void): void;
  stop(): Promise<void>;
}

/** Starts the script as a forecast process: Node's `fork` in the headless host, `utilityProcess` in the shell. */
export type ForecastLauncher = (script: string) => ForecastProcess;

/** Calls `handler` once, for the first of the ways a child can end. */
export function onceEnded(subscribe: (end: (why: string) => void) => void, handler: (why: string) => void): void {
  let ended = false;
  subscribe((why) => {
    if (ended) return;
    ended = true;
    handler(why);
  });
}

/** The headless host's forecast process: Node's `fork`, results structured-cloned as between threads. */
export const forkForecastProcess: ForecastLauncher = (script) => {
  // No execArgv: a loader or inspector flag of the host has no business in the forecast.
  const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  // Like a worker thread that was unref'd: a forecast in progress does not keep the host running.
  child.unref();
  child.channel?.unref();
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  return {
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onResult: (handler) => void child.on('message', (m) => handler(m as ForecastJobResult)),
    onEnd: (handler) =>
      onceEnded((end) => {
        child.once('error', (err) => end(`the forecast process failed: ${err.message}`));
        child.once('exit', (code, signal) => end(`the forecast process exited (${signal ?? code})`));
      }, handler),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        // Unref'd, its exit would not keep the host waiting for it.
        child.ref();
        child.kill();
      }),
  };
};
