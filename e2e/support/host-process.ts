import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findAppRoot } from './app-root';

export const APP_ROOT = findAppRoot(__dirname);

export interface HostProcess {
  url: string;
  process: ChildProcess;
  /** The embedded broker's URL in demo mode, as the host prints it (never settles otherwise). */
  demoBrokerUrl: Promise<string>;
  /** What the host printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface HostStartOptions {
  /** Added to the environment, e.g. `LINETWIN_TOKENS`; the runner's own tokens never reach the host. */
  env?: Record<string, string>;
  /** Leave `--port` out, so the host takes 5173 or the next free port as a user's would. */
  defaultPort?: boolean;
}

/**
 * Starts `linetwin serve` from the build on a free port and waits for the URL it prints.
 * The demo broker takes a free port too, so suites never depend on 1883 being free.
 */
export async function startHost(args: string[] = ['--demo'], opts: HostStartOptions = {}): Promise<HostProcess> {
  const env = { ...process.env };
  delete env.LINETWIN_TOKENS;
  const port = opts.defaultPort ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [resolve(APP_ROOT, 'bin/linetwin.mjs'), 'serve', ...port, '--demo-broker-port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'linetwin-host-')), '--no-demo-night-shift', ...args], {
    cwd: APP_ROOT,
    env: { ...env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const demoBrokerUrl = new Promise<string>((ok) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const m = /Demo broker \(MQTT [^)]*\): (mqtt:\/\/\S+)/.exec(seen);
      if (!m?.[1]) return;
      child.stdout?.off('data', onData);
      ok(m[1]);
    };
    child.stdout?.on('data', onData);
  });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /serving .* at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    demoBrokerUrl,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
