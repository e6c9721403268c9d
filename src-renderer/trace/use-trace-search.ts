import { useEffect, useState } from 'react';
import type { TraceSearchHit } from '../../src-main/shared/trace';
import { traceBridge } from './trace-ui';

/** Ids are typed whole or scanned; two characters narrow the store's id index enough to ask it. */
const MIN_PREFIX = 2;
const DEBOUNCE_MS = 150;

/** Items and lots whose id starts with what is typed, asked of the host after a short pause. */
export function useTraceSearch(query: string): TraceSearchHit[] {
  const [hits, setHits] = useState<TraceSearchHit[]>([]);
  useEffect(() => {
    const prefix = query.trim();
    const bridge = traceBridge.current;
    if (prefix.length < MIN_PREFIX || !bridge) {
      setHits([]);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      bridge.request('traceSearch', { prefix }).then(
        (found) => live && setHits(found),
        () => live && setHits([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return hits;
}
