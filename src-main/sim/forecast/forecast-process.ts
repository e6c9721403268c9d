import type { McapTypes } from '@mcap/core';
import { loadChunkDecompressors } from '../../core/replay/chunk-decompression';
import { backTest } from './back-test';
import { giveWayToIngest } from './give-way';
import type { BackTestJob, ForecastJob, ForecastJobResult, ToForecastProcess } from './forecast-process-protocol';
import { parentChannel } from './parent-channel';
import { runForecastPaced } from './run-forecast';
import { StepPace } from './step-pace';
import { WhatIfError } from './what-if';

/**
 * Forecast replications in a process of their own, below the app's priority, so the engine
 * goes on ingesting while they run. Entry point of `out/main/forecast-process.js`.
 */
const parent = parentChannel(process as unknown as Parameters<typeof parentChannel>[0]);
giveWayToIngest();
// Started by Node's fork: gone with the app that started it.
process.on('disconnect', () => process.exit(0));

/** Under a saturated pipeline, a step every this often: a 30-replication forecast then takes about a minute. */
const SLOW_STEP_MS = 2000;
const pace = new StepPace(SLOW_STEP_MS);
const beforeStep = (): Promise<void> => pace.beforeStep();

let decompress: McapTypes.DecompressHandlers | undefined;
/** One job at a time, in order: a back-test reads its recording asynchronously. */
let queue: Promise<void> = Promise.resolve();

async function run(job: ForecastJob | BackTestJob): Promise<ForecastJobResult> {
  if (job.kind === 'forecast') return { id: job.id, ok: true, view: await runForecastPaced(job, beforeStep) };
  decompress ??= await loadChunkDecompressors();
  const r = await backTest(job.path, { hours: job.hours, replications: job.replications, decompress, giveWay: beforeStep });
  return { id: job.id, ok: true, measured: { recordingStart: r.shift.start, shiftId: r.shift.id, lines: new Set(r.points.map((p) => p.line)).size, replications: r.replications, byHour: r.byHour } };
}

parent.onMessage((message) => {
  const msg = message as ToForecastProcess;
  if (msg.kind === 'pace') {
    pace.set(msg.slow);
    return;
  }
  const job = msg;
  queue = queue.then(async () => {
    let result: ForecastJobResult;
    try {
      result = await run(job);
    } catch (err) {
      result = { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err), whatIf: err instanceof WhatIfError };
    }
    parent.post(result);
  });
});
