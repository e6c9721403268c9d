import { Worker } from 'node:worker_threads';
import type { ForecastView, WhatIfRequest, WhatIfView } from '../shared/forecast';
import type { TelemetryEvent } from '../shared/telemetry';
import type { Engine } from '../core/engine';
import type { ForecastJob, ForecastJobResult } from '../sim/forecast/forecast-worker-protocol';
import { Calibrator } from '../sim/forecast/calibration';
import { observeSnapshot, type TwinObservation } from '../sim/forecast/observation';
import { DEFAULT_REPLICATIONS } from '../sim/forecast/run-forecast';

/** The first forecast of a plant: soon after its source has started (the demo's prefill included). */
const FIRST_FORECAST_MS = 500;
const REFRESH_MS = 60_000;
/** Faults and repairs come in bursts (a cascade): one refresh for a burst. */
const STATE_CHANGE_SETTLE_MS = 1000;
/** What-ifs waiting for the worker at most; more are refused until it catches up. */
const MAX_WAITING_WHAT_IFS = 4;
/** The same draws from refresh to refresh: a forecast moves because the plant did. */
const FORECAST_SEED = 1;

/** A request the forecast cannot take now, or a what-if that does not fit the plant. */
export class ForecastRequestError extends Error {}

export interface ForecastServiceOptions {
  /** The built worker script (`out/main/forecast-worker.js`). */
  workerFile: string;
  replications?: number;
  refreshMs?: number;
}

/**
 * The shift forecast of the live plant, on a worker thread: refreshed every minute and when a
 * station goes into or out of a fault, and what-ifs on demand. The engine's thread only takes a
 * snapshot and posts it; the replications never run on it.
 */
export class ForecastService {
  private worker: Worker | undefined;
  private engine: Engine | undefined;
  private calibrator: Calibrator | undefined;
  private view: ForecastView | undefined;
  private error: string | undefined;
  private readonly waiting = new Map<number, { resolve: (v: ForecastView) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private refreshing = false;
  private refreshAgain = false;
  private whatIfs = 0;
  private interval: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;
  private readonly faulted = new Set<string>();

  constructor(private readonly opts: ForecastServiceOptions) {}

  /**
   * Forecasts `engine`'s plant from now on (a new plant replaces the last one). Attached before
   * its source starts, it calibrates on everything the engine is fed (a demo's shift history too).
   */
  attach(engine: Engine): void {
    this.engine = engine;
    const calibrator = new Calibrator(engine.plant);
    this.calibrator = calibrator;
    this.view = undefined;
    this.error = undefined;
    this.faulted.clear();
    engine.onEvent((e) => {
      if (this.engine !== engine) return;
      calibrator.onEvent(e);
      this.onEvent(e);
    });
    clearInterval(this.interval);
    clearTimeout(this.settle);
    this.settle = undefined;
    this.interval = setInterval(() => this.refresh(), this.opts.refreshMs ?? REFRESH_MS);
    this.interval.unref();
    this.scheduleRefresh(FIRST_FORECAST_MS);
  }

  /** The latest forecast, one line's or all; null before the first is done. */
  latest(line?: string): ForecastView | null {
    const v = this.view;
    if (!v) return null;
    if (line === undefined) return v;
    const lf = v.lines[line];
    if (!lf) throw new ForecastRequestError(`no line ${line} in the forecast`);
    return { ...v, lines: { [line]: lf } };
  }

  /** Why the last forecast failed, if it did. */
  get lastError(): string | undefined {
    return this.error;
  }

  /** The baseline and the changed forecast from the same observation and draws. */
  async whatIf(req: WhatIfRequest): Promise<WhatIfView> {
    const engine = this.engine;
    if (!engine) throw new ForecastRequestError('no plant is loaded');
    if (this.whatIfs >= MAX_WAITING_WHAT_IFS) throw new ForecastRequestError('the forecast is busy with other what-ifs; try again shortly');
    this.whatIfs += 1;
    try {
      const obs = observeSnapshot(engine.snapshot(), engine.plant);
      const [baseline, changed] = await Promise.all([this.run(engine, obs), this.run(engine, obs, req)]);
      const pick = (v: ForecastView): ForecastView => (req.line !== undefined && v.lines[req.line] ? { ...v, lines: { [req.line]: v.lines[req.line] as ForecastView['lines'][string] } } : v);
      const difference: Record<string, number> = {};
      for (const [id, lf] of Object.entries(pick(changed).lines)) difference[id] = lf.output.mean - (baseline.lines[id]?.output.mean ?? 0);
      return { changes: req.changes, baseline: pick(baseline), changed: pick(changed), difference };
    } finally {
      this.whatIfs -= 1;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    clearTimeout(this.settle);
    this.settle = undefined;
    this.engine = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new ForecastRequestError('the forecast stopped'));
    await worker?.terminate();
  }

  private onEvent(e: TelemetryEvent): void {
    if (e.kind !== 'state') return;
    const was = this.faulted.has(e.station);
    if (e.state === 'FAULT') this.faulted.add(e.station);
    else this.faulted.delete(e.station);
    if (was !== (e.state === 'FAULT')) this.scheduleRefresh(STATE_CHANGE_SETTLE_MS);
  }

  /** A burst of changes gets one refresh, `ms` after its first: a steady stream of them does not put it off for ever. */
  private scheduleRefresh(ms: number): void {
    if (this.settle) return;
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.refresh();
    }, ms);
    this.settle.unref();
  }

  /** One refresh at a time; a trigger meanwhile runs one more after it. */
  private refresh(): void {
    const engine = this.engine;
    if (!engine) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    this.run(engine, observeSnapshot(engine.snapshot(), engine.plant))
      .then((view) => {
        if (this.engine === engine) {
          this.view = view;
          this.error = undefined;
        }
      })
      .catch((err: Error) => {
        if (this.engine === engine) this.error = err.message;
      })
      .finally(() => {
        this.refreshing = false;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          this.refresh();
        }
      });
  }

  private run(engine: Engine, obs: TwinObservation, req?: WhatIfRequest): Promise<ForecastView> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const calibration = this.calibrator?.estimates(obs.at) ?? {};
    const job: ForecastJob = { id, plant: engine.plant, obs, calibration, replications: this.opts.replications ?? DEFAULT_REPLICATIONS, seed: FORECAST_SEED, ...(req ? { changes: req.changes } : {}) };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.opts.workerFile);
    worker.unref();
    worker.on('message', (r: ForecastJobResult) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (r.ok) w.resolve(r.view);
      else w.reject(r.whatIf ? new ForecastRequestError(r.error) : new Error(r.error));
    });
    // A worker that dies takes its jobs with it; the next forecast starts a new one.
    const lost = (err: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the forecast worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(err);
  }
}
