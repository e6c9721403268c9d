import type { ConnectionProfile } from '../../shared/connection-profile';
import type { BacklogLimits } from './ingest-backlog';
import type { IngestBatch } from './ingest-batch';
import type { LiveSourceStatus } from './live-mqtt-source';

/** What the engine's thread hands the ingest worker when it starts it. */
export interface IngestWorkerData {
  profile: ConnectionProfile;
  topics: string[];
  /** Batches processed by the engine: the worker's view of its backlog (see IngestBacklog). */
  processed: SharedArrayBuffer;
  /** Backlog bounds other than the defaults (tests). */
  limits?: BacklogLimits;
}

export type FromIngestWorker =
  | { type: 'status'; status: LiveSourceStatus }
  /** `dropped`: messages the worker dropped since its last batch because the backlog was full. */
  | { type: 'batch'; batch: IngestBatch; dropped: number };

export type ToIngestWorker = { type: 'publish'; topic: string; payload: Uint8Array } | { type: 'stop' };
