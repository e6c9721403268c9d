import { create } from 'zustand';
import type { LossesView } from '../../src-main/shared/losses';

/** The losses on show in the Losses view; the 3D view rings their root-cause stations. */
export interface LossesState {
  view: LossesView | undefined;
  setView(view: LossesView | undefined): void;
}

export const useLossesStore = create<LossesState>((set) => ({
  view: undefined,
  setView: (view) => set({ view }),
}));
