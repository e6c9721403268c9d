import { create } from 'zustand';

/** UI state of the 3D view. Changes on user action only, never per frame. */
export interface SceneUiState {
  selected: string | undefined;
  hovered: string | undefined;
  touring: boolean;
  searchOpen: boolean;
  /** What the scene's colours and marks mean, over the view; and the help with the keys and the same legend. */
  legendOpen: boolean;
  helpOpen: boolean;
  /** Messages shown once, e.g. a station's glTF model that could not be loaded. */
  notices: string[];
  select(id: string | undefined): void;
  hover(id: string | undefined): void;
  setTouring(on: boolean): void;
  setSearchOpen(open: boolean): void;
  setLegendOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  notify(message: string): void;
  dismissNotice(message: string): void;
}

export const useSceneUi = create<SceneUiState>((set, get) => ({
  selected: undefined,
  hovered: undefined,
  touring: false,
  searchOpen: false,
  legendOpen: false,
  helpOpen: false,
  notices: [],
  select: (selected) => set({ selected }),
  hover: (hovered) => {
    if (get().hovered !== hovered) set({ hovered });
  },
  setTouring: (touring) => set({ touring }),
  setSearchOpen: (searchOpen) => set({ searchOpen }),
  setLegendOpen: (legendOpen) => set({ legendOpen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  notify: (message) => {
    if (!get().notices.includes(message)) set({ notices: [...get().notices, message] });
  },
  dismissNotice: (message) => set({ notices: get().notices.filter((n) => n !== message) }),
}));
