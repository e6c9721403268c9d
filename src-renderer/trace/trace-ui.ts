import { create } from 'zustand';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { ItemCard, LotView } from '../../src-main/shared/trace';

/** The bridge for the traceability views, set by the app once: the scene's search and inspector use it without prop threading. */
export const traceBridge: { current: TwinBridge | undefined } = { current: undefined };

export type TraceOpen = { kind: 'item'; id: string; card: ItemCard | null } | { kind: 'lot'; id: string; lot: LotView | null };

/** What the traceability views show: the item card or lot view open, and the route the 3D view draws. */
export interface TraceUiState {
  open: TraceOpen | undefined;
  loading: boolean;
  error: string | undefined;
  /** Bumped on every open, so a late answer for an earlier request is dropped. */
  seq: number;
  openItem(id: string): Promise<void>;
  openLot(id: string): Promise<void>;
  close(): void;
}

export const useTraceUi = create<TraceUiState>((set, get) => {
  const load = async (kind: 'item' | 'lot', id: string): Promise<void> => {
    const bridge = traceBridge.current;
    if (!bridge) return;
    const seq = get().seq + 1;
    set({ seq, loading: true, error: undefined });
    try {
      const open: TraceOpen =
        kind === 'item' ? { kind, id, card: await bridge.request('traceItem', { id }) } : { kind, id, lot: await bridge.request('traceLot', { id }) };
      if (get().seq === seq) set({ open, loading: false });
    } catch (err) {
      if (get().seq === seq) set({ loading: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return {
    open: undefined,
    loading: false,
    error: undefined,
    seq: 0,
    openItem: (id) => load('item', id),
    openLot: (id) => load('lot', id),
    close: () => set((s) => ({ open: undefined, error: undefined, seq: s.seq + 1 })),
  };
});

/** The stations of the open item's route in order, and where it is now while in WIP. */
export function routeOf(open: TraceOpen | undefined): { item: string | null; stations: string[]; current: string | null } {
  if (open?.kind !== 'item' || !open.card) return { item: null, stations: [], current: null };
  const route = open.card.route;
  const last = route.at(-1);
  return { item: open.id, stations: route.map((v) => v.station), current: last && last.outcome === null ? last.station : null };
}
