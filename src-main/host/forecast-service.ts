import type { ForecastCheckpoint, ForecastView, MeasuredError, WhatIfRequest, WhatIfView } from '../shared/forecast';
import type { RecordingEntry } from '../shared/replay';
import type { TelemetryEvent } from '../shared/telemetry';
import type { Engine } from '../core/engine';
import { ShiftCalendar } from '../core/kpi/shift-calendar';
import { wholeShift } from '../sim/forecast/back-test';
import type { BackTestJob, ForecastJob, ForecastJobResult } from '../sim/forecast/forecast-process-protocol';
import { Calibrator } from '../sim/forecast/calibration';
import { observeSnapshot, type TwinObservation } from '../sim/forecast/observation';
import { DEFAULT_REPLICATIONS } from '../sim/forecast/run-forecast';
import { forkForecastProcess, type ForecastLauncher, type ForecastProcess } from './forecast-process';
import { ForecastTrail } from './forecast-trail';
import { PipelineLoad } from './pipeline-load';

/** The first forecast of a plant: soon after its source has started (the demo's prefill included). */
const FIRST_FORECAST_MS = 500;
const REFRESH_MS = 60_000;
/** Faults and repairs come in bursts (a cascade): one refresh for a burst. */
const STATE_CHANGE_SETTLE_MS = 1000;
/** A fault storm gets a forecast this often at most: the replications take a core for a second or so. */
const MIN_STATE_REFRESH_GAP_MS = 10_000;

/** How long after a fault or repair its refresh runs, `sinceLastMs` after the last refresh began. */
export const stateChangeDelay = (sinceLastMs: number): number => Math.max(STATE_CHANGE_SETTLE_MS, MIN_STATE_REFRESH_GAP_MS - sinceLastMs);
/** What-ifs waiting for the forecast process at most; more are refused until it catches up. */
const MAX_WAITING_WHAT_IFS = 4;
/** The same draws from refresh to refresh: a forecast moves because the plant did. */
const FORECAST_SEED = 1;
/** Until a recorded whole shift has been back-tested, the recordings are looked through this often. */
const MEASURE_RETRY_MS = 5 * 60_000;
/** Hours into a shift the back-test forecasts from. */
const BACK_TEST_HOURS = [1, 2, 3, 4, 5, 6, 7];

type Done = Exclude<ForecastJobResult, { ok: false }>;

/** A request the forecast cannot take now, or a what-if that does not fit the plant. */
export class ForecastRequestError extends Error {}

export interface ForecastServiceOptions {
  /** The built forecast script (`out/main/forecast-process.js`). */
  script: string;
  /** How its processes start: Node's `fork` unless the shell gives Electron's `utilityProcess`. */
  launch?: ForecastLauncher;
  /** The recordings kept (the flight recorder's, the demo's night shift): the newest whole shift of the plant is back-tested. */
  recordings?: () => Promise<RecordingEntry[]>;
  replications?: number;
  refreshMs?: number;
}

/**
 * The shift forecast of the live plant, in a process of its own below the app's priority: refreshed every minute and when a
 * station goes into or out of a fault, and what-ifs on demand. The engine's thread only takes a
 * snapshot and posts it; the replications never run on it.
 */
export class ForecastService {
  private process: ForecastProcess | undefined;
  private engine: Engine | undefined;
  private calibrator: Calibrator | undefined;
  private view: ForecastView | undefined;
  private trail = new ForecastTrail();
  private error: string | undefined;
  private readonly waiting = new Map<number, { child: ForecastProcess; resolve: (r: Done) => void; reject: (e: Error) => void }>();
  private measured: MeasuredError | undefined;
  private measuring = false;
  private backTester: ForecastProcess | undefined;
  private measureCheckedAt = -Infinity;
  private nextId = 1;
  private refreshing = false;
  private refreshAgain = false;
  private whatIfs = 0;
  private interval: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;
  private readonly faulted = new Set<string>();
  private lastRefreshAt = -Infinity;
  /** While the engine's thread is saturated, the forecast processes slow down (see StepPace). */
  private readonly load = new PipelineLoad((slow) => {
    for (const child of [this.process, this.backTester]) child?.post({ kind: 'pace', slow });
  });

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
    this.trail = new ForecastTrail();
    this.error = undefined;
    this.measured = undefined;
    this.measureCheckedAt = -Infinity;
    void this.backTester?.stop();
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
    this.load.start();
    this.scheduleRefresh(FIRST_FORECAST_MS);
  }

  /** The latest forecast, one line's or all; null before the first is done. */
  latest(line?: string): ForecastView | null {
    const base = this.view && this.measured ? { ...this.view, measuredError: this.measured } : this.view;
    if (!base) return null;
    const v: ForecastView = this.load.isSaturated ? { ...base, slowedForIngest: true } : base;
    if (line === undefined) return v;
    const lf = v.lines[line];
    if (!lf) throw new ForecastRequestError(`no line ${line} in the forecast`);
    return { ...v, lines: { [line]: lf } };
  }

  /** What the forecast said of the line, hour by hour, during the shift ending at `shiftEnd`: for its report. */
  checkpoints(line: string, shiftEnd: number): ForecastCheckpoint[] {
    return this.trail.of(line, shiftEnd);
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
    this.load.stop();
    clearTimeout(this.settle);
    this.settle = undefined;
    this.engine = undefined;
    const child = this.process;
    this.process = undefined;
    this.failAll(new ForecastRequestError('the forecast stopped'));
    await Promise.all([child?.stop(), this.backTester?.stop()]);
  }

  private onEvent(e: TelemetryEvent): void {
    if (e.kind !== 'state') return;
    const was = this.faulted.has(e.station);
    if (e.state === 'FAULT') this.faulted.add(e.station);
    else this.faulted.delete(e.station);
    if (was !== (e.state === 'FAULT')) this.scheduleRefresh(stateChangeDelay(performance.now() - this.lastRefreshAt));
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
    this.lastRefreshAt = performance.now();
    this.measure(engine);
    this.run(engine, observeSnapshot(engine.snapshot(), engine.plant))
      .then((view) => {
        if (this.engine === engine) {
          this.view = view;
          this.trail.add(view);
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

  private async run(engine: Engine, obs: TwinObservation, req?: WhatIfRequest): Promise<ForecastView> {
    const calibration = this.calibrator?.estimates(obs.at) ?? {};
    const id = this.nextId++;
    const r = await this.post({ kind: 'forecast', id, plant: engine.plant, obs, calibration, replications: this.opts.replications ?? DEFAULT_REPLICATIONS, seed: FORECAST_SEED, ...(req ? { changes: req.changes } : {}) });
    if (!('view' in r)) throw new Error('the forecast process answered a forecast with something else');
    return r.view;
  }

  /** Back-tests the newest recorded whole shift of the plant once, in the background: the forecast's measured error. */
  private measure(engine: Engine): void {
    const list = this.opts.recordings;
    const now = performance.now();
    if (!list || this.measured || this.measuring || now - this.measureCheckedAt < MEASURE_RETRY_MS) return;
    this.measuring = true;
    this.measureCheckedAt = now;
    const calendar = new ShiftCalendar(engine.plant.shifts);
    list()
      .then(async (entries) => {
        const whole = entries.filter((e) => e.plantId === engine.plant.id && wholeShift(calendar, e.start, e.end)).sort((a, b) => b.start - a.start)[0];
        if (!whole) return;
        // A process of its own: a back-test takes a while, and forecasts and what-ifs do not wait for it.
        const tester = this.spawn();
        this.backTester = tester;
        try {
          const r = await this.post({ kind: 'back-test', id: this.nextId++, path: whole.path, hours: BACK_TEST_HOURS, replications: this.opts.replications ?? DEFAULT_REPLICATIONS }, tester);
          if ('measured' in r && this.engine === engine) this.measured = r.measured;
        } finally {
          if (this.backTester === tester) this.backTester = undefined;
          await tester.stop();
        }
      })
      .catch((err: Error) => {
        if (this.engine === engine) this.error = `back-test: ${err.message}`;
      })
      .finally(() => {
        this.measuring = false;
      });
  }

  private post(job: ForecastJob | BackTestJob, child = this.ensureProcess()): Promise<Done> {
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { child, resolve, reject });
      child.post(job);
    });
  }

  private ensureProcess(): ForecastProcess {
    this.process ??= this.spawn();
    return this.process;
  }

  private spawn(): ForecastProcess {
    const child = (this.opts.launch ?? forkForecastProcess)(this.opts.script);
    if (this.load.isSaturated) child.post({ kind: 'pace', slow: true });
    child.onResult((r) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (r.ok) w.resolve(r);
      else w.reject(r.whatIf ? new ForecastRequestError(r.error) : new Error(r.error));
    });
    // A process that ends takes its jobs with it; the next forecast starts a new one.
    child.onEnd((why) => {
      if (this.process === child) this.process = undefined;
      this.failAll(new Error(why), child);
    });
    return child;
  }

  /** Fails the jobs waiting on `child`, or on any. */
  private failAll(err: Error, child?: ForecastProcess): void {
    for (const [id, w] of [...this.waiting]) {
      if (child && w.child !== child) continue;
      this.waiting.delete(id);
      w.reject(err);
    }
  }
}
