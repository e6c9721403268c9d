import { parentPort } from 'node:worker_threads';
import type { ForecastJob, ForecastJobResult } from './forecast-worker-protocol';
import { runForecast } from './run-forecast';
import { WhatIfError } from './what-if';

/**
 * Forecast replications on a thread of their own, so the engine's thread goes on ingesting
 * while they run. Entry point of `out/main/forecast-worker.js`.
 */
const port = parentPort;
if (!port) throw new Error('forecast-worker runs as a worker thread');

port.on('message', (job: ForecastJob) => {
  let result: ForecastJobResult;
  try {
    result = { id: job.id, ok: true, view: runForecast(job) };
  } catch (err) {
    result = { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err), whatIf: err instanceof WhatIfError };
  }
  port.postMessage(result);
});
