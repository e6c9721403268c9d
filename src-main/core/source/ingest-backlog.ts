/** How far the ingest worker may run ahead of the engine before it drops (and counts) messages. */
export const MAX_BACKLOG_MESSAGES = 200_000;
export const MAX_BACKLOG_BYTES = 64 * 1024 * 1024;

export interface BacklogLimits {
  messages: number;
  bytes: number;
}

/**
 * The batches the worker has posted that the engine has not processed yet. The engine counts
 * the batches it has processed in shared memory, so the worker sees its backlog without a
 * round trip; counts wrap at 2^32 and only their difference is used.
 */
export class IngestBacklog {
  private readonly processed: Int32Array;
  private posted = 0;
  private readonly pending: Array<{ messages: number; bytes: number }> = [];
  private messages = 0;
  private bytes = 0;

  constructor(
    shared: SharedArrayBuffer,
    private readonly limits: BacklogLimits = { messages: MAX_BACKLOG_MESSAGES, bytes: MAX_BACKLOG_BYTES },
  ) {
    this.processed = new Int32Array(shared);
  }

  static sharedCounter(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  }

  /** On the engine's side: one more batch processed. */
  static markProcessed(shared: SharedArrayBuffer): void {
    Atomics.add(new Int32Array(shared), 0, 1);
  }

  /** Whether a message of `bytes` fits, counting `building` (the batch not yet posted). */
  admits(bytes: number, building: { messages: number; bytes: number }): boolean {
    this.release();
    const messages = this.messages + building.messages;
    const queued = this.bytes + building.bytes;
    if (messages >= this.limits.messages) return false;
    // One message larger than the whole budget still passes when nothing else waits.
    return messages === 0 || queued + bytes <= this.limits.bytes;
  }

  /** A batch of `messages` and `bytes` was posted to the engine. */
  recordPosted(messages: number, bytes: number): void {
    this.posted = (this.posted + 1) | 0;
    this.pending.push({ messages, bytes });
    this.messages += messages;
    this.bytes += bytes;
  }

  private release(): void {
    const unprocessed = (this.posted - Atomics.load(this.processed, 0)) | 0;
    while (this.pending.length > unprocessed) {
      const b = this.pending.shift() as { messages: number; bytes: number };
      this.messages -= b.messages;
      this.bytes -= b.bytes;
    }
  }
}
