import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { McapTypes } from '@mcap/core';
import { loadChunkDecompressors } from '../../core/replay/chunk-decompression';
import { backTest } from './back-test';
import type { BackTestJob, ForecastJob, ForecastJobResult } from './forecast-worker-protocol';
import { runForecast } from './run-forecast';
import { WhatIfError } from './what-if';

/**
 * Forecast replications on a thread of their own, so the engine's thread goes on ingesting
 * while they run. Entry point of `out/main/forecast-worker.js`.
 */
const port = parentPort;
if (!port) throw new Error('forecast-worker runs as a worker thread');
// On a busy control-room PC the forecast gives way to ingest. Linux keeps a nice value per
// thread, so this lowers only this thread; elsewhere it would lower the whole app, so it is not done.
if (process.platform === 'linux') {
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // A container may refuse it: the forecast then runs at the app's priority.
  }
}
let decompress: McapTypes.DecompressHandlers | undefined;
/** One job at a time, in order: a back-test reads its recording asynchronously. */
let queue: Promise<void> = Promise.resolve();

async function run(job: ForecastJob | BackTestJob): Promise<ForecastJobResult> {
  if (job.kind === 'forecast') return { id: job.id, ok: true, view: runForecast(job) };
  decompress ??= await loadChunkDecompressors();
  const r = await backTest(job.path, { hours: job.hours, replications: job.replications, decompress });
  return { id: job.id, ok: true, measured: { recordingStart: r.shift.start, shiftId: r.shift.id, lines: new Set(r.points.map((p) => p.line)).size, replications: r.replications, byHour: r.byHour } };
}

port.on('message', (job: ForecastJob | BackTestJob) => {
  queue = queue.then(async () => {
    let result: ForecastJobResult;
    try {
      result = await run(job);
    } catch (err) {
      result = { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err), whatIf: err instanceof WhatIfError };
    }
    port.postMessage(result);
  });
});
