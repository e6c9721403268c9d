import type { ForkOptions } from 'electron';
import type { ForecastJobResult, ToForecastProcess } from '../sim/forecast/forecast-process-protocol';
import { onceEnded, type ForecastLauncher } from '../host/forecast-process';

/** The part of an Electron `UtilityProcess` the forecast uses. */
export interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: ToForecastProcess): void;
  on(event: 'message', listener: (message: ForecastJobResult) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  once(event: 'error', listener: (type: string, location: string) => void): unknown;
  kill(): boolean;
}

/** Electron's `utilityProcess` module, as the shell hands it over. */
export interface UtilityProcesses {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityChild;
}

/**
 * The shell's forecast processes: Electron's utility processes, since the hardened fuses do
 * not let the Electron binary run as Node (which `child_process.fork` needs). The process
 * lowers its own priority as it starts.
 */
export function utilityForecastLauncher(utility: UtilityProcesses): ForecastLauncher {
  return (script) => {
    const child = utility.fork(script, [], { serviceName: 'LineTwin forecast', stdio: 'inherit' });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    return {
      post: (message) => {
        if (!exited) child.postMessage(message);
      },
      onResult: (handler) => void child.on('message', handler),
      onEnd: (handler) =>
        onceEnded((end) => {
          child.once('error', (type, location) => end(`the forecast process failed: ${type} at ${location}`));
          child.once('exit', (code) => end(`the forecast process exited (${code})`));
        }, handler),
      stop: () =>
        new Promise<void>((resolve) => {
          if (exited || child.pid === undefined) return resolve();
          child.once('exit', () => resolve());
          child.kill();
        }),
    };
  };
}
