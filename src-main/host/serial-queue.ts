/**
 * Runs async tasks one after another, in the order they were queued: a task starts only once
 * the one before it has settled, whether it succeeded or failed.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The next task waits for this one to settle; its failure is the caller's, not the queue's.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
