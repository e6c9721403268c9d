import { useEffect } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import { focusStation } from '../scene/focus';
import { TraceDialog } from './TraceDialog';
import { routeOf, traceBridge, useTraceUi } from './trace-ui';

/** While the open item is in WIP its card is asked again this often, and the 3D view follows it. */
const FOLLOW_MS = 5_000;

/** The traceability views over the app: the item card and lot view, and following an item in WIP. */
export function TraceLayer({ bridge }: { bridge: TwinBridge }) {
  traceBridge.current = bridge;
  useEffect(() => {
    let following: string | null = null;
    const stop = useTraceUi.subscribe((s) => {
      const { current } = routeOf(s.open);
      if (current && current !== following) focusStation(current);
      following = current;
    });
    const timer = setInterval(() => {
      const open = useTraceUi.getState().open;
      if (open?.kind === 'item' && routeOf(open).current) void useTraceUi.getState().openItem(open.id);
    }, FOLLOW_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, []);
  return <TraceDialog />;
}
