import type { BridgeStream, BridgeStreams } from './bridge';

/** Stream listeners of one bridge client; a throwing listener does not stop the others. */
export class BridgeListeners {
  private readonly listeners = new Map<BridgeStream, Set<(v: unknown) => void>>();

  on<S extends BridgeStream>(stream: S, listener: (value: BridgeStreams[S]) => void): () => void {
    let set = this.listeners.get(stream);
    if (!set) {
      set = new Set();
      this.listeners.set(stream, set);
    }
    const l = listener as (v: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit(stream: unknown, value: unknown): void {
    const set = this.listeners.get(stream as BridgeStream);
    if (!set) return;
    for (const l of set) {
      try {
        l(value);
      } catch (err) {
        console.error(`bridge listener for ${String(stream)} failed`, err);
      }
    }
  }
}
