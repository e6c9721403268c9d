import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { Engine } from '../../src-main/core/engine';
import { utilityForecastLauncher, type UtilityChild } from '../../src-main/electron/forecast-utility-process';
import { forkForecastProcess, type ForecastProcess } from '../../src-main/host/forecast-process';
import { builtForecastScript } from '../support/forecast-process';
import type { ForecastJob, ForecastJobResult } from '../../src-main/sim/forecast/forecast-process-protocol';
import { observeSnapshot } from '../../src-main/sim/forecast/observation';
import { loadDemoPlant } from '../support/plants';

const SCRIPT = builtForecastScript();
const plant = loadDemoPlant('tire-plant');

function job(id: number): ForecastJob {
  const engine = new Engine({ plant, clock: new ManualClock(Date.UTC(2026, 0, 5, 22, 0) + 2 * 3_600_000) });
  return { kind: 'forecast', id, plant, obs: observeSnapshot(engine.snapshot(), plant), calibration: {}, replications: 3, seed: 1 };
}

function answer(p: ForecastProcess, id: number): Promise<ForecastJobResult> {
  return new Promise((resolve) => p.onResult((r) => r.id === id && resolve(r)));
}

/** Each thread's nice value (Linux keeps one per thread). */
function threadNice(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** Electron's utilityProcess, played by Node's fork: the child answers over IPC instead of a parentPort. */
class StandInUtilityChild extends EventEmitter implements UtilityChild {
  readonly child: ChildProcess;
  constructor(script: string) {
    super();
    this.child = fork(script, [], { serialization: 'advanced', execArgv: [] });
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('exit', (code) => this.emit('exit', code ?? 0));
  }
  get pid(): number | undefined {
    return this.child.exitCode === null ? this.child.pid : undefined;
  }
  postMessage(message: unknown): void {
    this.child.send(message as object);
  }
  kill(): boolean {
    return this.child.kill();
  }
}

describe('the forecast process', () => {
  it.runIf(process.platform === 'linux')('runs every one of its threads below the app’s priority, and ends with the app', async () => {
    const child = fork(SCRIPT, [], { serialization: 'advanced', execArgv: [] });
    const answered = new Promise((resolve) => child.once('message', resolve));
    child.send(job(1));
    await answered;
    const nice = threadNice(child.pid as number);
    expect(nice.length).toBeGreaterThan(1);
    expect(new Set(nice)).toEqual(new Set([19]));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }, 60_000);

  it("answers the host's forkForecastProcess, and ends when stopped", async () => {
    const p = forkForecastProcess(SCRIPT);
    const ends: string[] = [];
    p.onEnd((why) => ends.push(why));
    p.post(job(7));
    const r = await answer(p, 7);
    expect(r).toMatchObject({ id: 7, ok: true });
    expect('view' in r && r.view.replications).toBe(3);
    await p.stop();
    expect(ends).toHaveLength(1);
  }, 60_000);

  it("answers through the shell's utility-process launcher, and reports a crash once", async () => {
    let last: StandInUtilityChild | undefined;
    const launch = utilityForecastLauncher({
      fork: (script) => {
        last = new StandInUtilityChild(script);
        return last;
      },
    });
    const p = launch(SCRIPT);
    const ends: string[] = [];
    p.onEnd((why) => ends.push(why));
    p.post(job(3));
    expect(await answer(p, 3)).toMatchObject({ id: 3, ok: true });
    last?.child.kill('SIGKILL');
    await new Promise((resolve) => last?.child.once('exit', resolve));
    expect(ends).toEqual([expect.stringMatching(/forecast process exited/)]);
    await p.stop();
  }, 60_000);
});
