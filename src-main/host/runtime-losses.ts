import { join } from 'node:path';
import type { LossesView, ReportEntry } from '../shared/losses';
import type { Engine } from '../core/engine';
import type { LossesTarget } from './bridge-requests';
import type { ReplaySession } from './replay-session';
import { LiveShiftLosses, ReportFolder, type ForecastsOf } from './shift-losses-service';

/** How often the live engine's clock is looked at for a shift that has ended. */
const CHECK_MS = 5000;

/**
 * Shift loss analysis in the runtime: of the live engine (with the shift reports it writes
 * under `<data-dir>/reports`), or of the recording being replayed.
 */
export class RuntimeLosses implements LossesTarget {
  private live: LiveShiftLosses | undefined;
  private liveEngine: Engine | undefined;
  readonly folder: ReportFolder | undefined;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    dataDir: string | undefined,
    private readonly replay: () => ReplaySession | undefined,
    private readonly forecasts: ForecastsOf = () => [],
  ) {
    this.folder = dataDir === undefined ? undefined : new ReportFolder(join(dataDir, 'reports'));
    this.timer = setInterval(() => void this.check(), CHECK_MS);
    this.timer.unref();
  }

  /** A new live engine (a plant loaded): its shift log starts now. */
  attach(engine: Engine): void {
    this.liveEngine = engine;
    this.live = new LiveShiftLosses(engine, this.folder, this.forecasts);
  }

  /** Writes the reports of a shift the live clock has passed the end of; a failure is counted, never thrown. */
  async check(): Promise<ReportEntry[]> {
    try {
      return (await this.live?.check()) ?? [];
    } catch (err) {
      this.liveEngine?.counters.dropped.add('shift-report-failed');
      process.stderr.write(`linetwin: shift report not written: ${err instanceof Error ? err.message : String(err)}\n`);
      return [];
    }
  }

  view(line: string, at: number | undefined): LossesView | undefined {
    const session = this.replay();
    const plant = session ? session.plant : this.liveEngine?.plant;
    if (!plant?.lines.some((l) => l.id === line)) return undefined;
    return session ? session.losses(line, at) : this.live?.view(line, at);
  }

  reports(): Promise<ReportEntry[]> {
    return this.folder?.list() ?? Promise.resolve([]);
  }

  report(name: string): Promise<{ body: Buffer; type: string } | undefined> {
    return this.folder?.file(name) ?? Promise.resolve(undefined);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
