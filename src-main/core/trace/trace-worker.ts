import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../clock';
import { migrate } from './trace-schema';
import { openTraceDb } from './trace-db-open';
import { TraceQueries } from './trace-queries';
import { TraceRecorder } from './trace-recorder';
import { TRACE_QUERY_NAMES, type TraceWorkerInit, type TraceWorkerReply, type TraceWorkerRequest } from './trace-worker-protocol';

/**
 * The genealogy store's database work on a thread of its own: the writes (SQLite in WebAssembly
 * is synchronous) and the queries, so the pipeline thread only batches events and posts them.
 * Both backends run here, one code path. Entry point of `out/main/trace-worker.js`.
 */
const port = parentPort;
if (!port) throw new Error('trace-worker runs as a worker thread');
const init = workerData as TraceWorkerInit;
const reply = (m: TraceWorkerReply): void => port.postMessage(m);

/** The engine's clock as last read by the pipeline thread (replays and tests run their own time). */
let now = init.now;
const clock: Clock = { now: () => now };

async function open(): Promise<{ recorder: TraceRecorder; queries: TraceQueries; close: () => Promise<void> }> {
  const db = openTraceDb(init.location);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  const recorder = new TraceRecorder({ ...init, db, clock });
  return {
    recorder,
    queries: new TraceQueries(db),
    close: async () => {
      await recorder.close();
      await db.close();
    },
  };
}

void open().then(
  async ({ recorder, queries, close }) => {
    const flushed = async (): Promise<void> => {
      await recorder.flush();
      reply({ type: 'health', health: recorder.health() });
    };
    const timer = setInterval(() => void flushed(), init.flushEveryMs);
    const handle = async (m: Exclude<TraceWorkerRequest, { type: 'batch' }>): Promise<unknown> => {
      switch (m.type) {
        case 'flush':
          return recorder.flush();
        case 'retain':
          return recorder.retainNow();
        case 'query': {
          if (!(TRACE_QUERY_NAMES as readonly string[]).includes(m.name)) throw new Error(`no trace query ${String(m.name)}`);
          return (queries[m.name] as (...args: unknown[]) => Promise<unknown>).apply(queries, m.args);
        }
        case 'close':
          clearInterval(timer);
          return close();
      }
    };
    port.on('message', (m: TraceWorkerRequest) => {
      if ('now' in m) now = m.now;
      if (m.type === 'batch') return recorder.take(m.events);
      handle(m).then(
        (value) => reply({ type: 'done', id: m.id, value, health: recorder.health() }),
        (err: unknown) => reply({ type: 'failed', id: m.id, error: err instanceof Error ? err.message : String(err) }),
      );
    });
    reply({ type: 'opened', health: recorder.health(), open: await recorder.openVisits() });
  },
  (err: unknown) => reply({ type: 'open-failed', error: err instanceof Error ? err.message : String(err) }),
);
