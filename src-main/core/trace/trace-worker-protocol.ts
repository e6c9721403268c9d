import type { PlantFile } from '../../shared/plant-schema';
import type { TraceHealth } from '../../shared/trace';
import type { Queued } from './trace-batch';
import type { TraceQueries } from './trace-queries';

/** The queries the pipeline thread may ask the writer thread; each only reads. */
export const TRACE_QUERY_NAMES = ['itemCard', 'backward', 'forward', 'lotView', 'search', 'stationItems', 'itemsByVerdict', 'quality'] as const satisfies readonly (keyof TraceQueries)[];
export type TraceQueryName = (typeof TRACE_QUERY_NAMES)[number];
export type TraceQueryApi = Pick<TraceQueries, TraceQueryName>;

/** Everything the writer needs to open the store (the clock is the pipeline's: its readings come with each batch). */
export interface TraceWorkerInit {
  location: string;
  plant: PlantFile;
  now: number;
  flushEveryMs: number;
  maxQueue?: number;
  lostAfterMs?: number;
  retentionMs?: number;
  maxOpenVisits?: number;
}

/** Pipeline thread → writer thread. `now` is the engine clock's reading when the message was posted. */
export type TraceWorkerRequest =
  | { type: 'batch'; now: number; events: Queued[] }
  | { type: 'flush'; id: number; now: number }
  | { type: 'retain'; id: number; now: number }
  | { type: 'query'; id: number; name: TraceQueryName; args: unknown[] }
  | { type: 'close'; id: number; now: number };

/** Writer thread → pipeline thread: replies by id, and the writer's health after each flush. */
export type TraceWorkerReply =
  | { type: 'opened'; health: TraceHealth; open: Array<[item: string, station: string]> }
  | { type: 'open-failed'; error: string }
  | { type: 'health'; health: TraceHealth }
  | { type: 'done'; id: number; value: unknown; health: TraceHealth }
  | { type: 'failed'; id: number; error: string };
