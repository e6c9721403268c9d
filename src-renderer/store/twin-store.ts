import { create } from 'zustand';
import type { PlantListEntry } from '../../src-main/shared/bridge';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { AlarmLoadView, AlarmView, Frame, Health, LineView, Snapshot, StationView } from '../../src-main/shared/views';
import type { Lang } from '../i18n/strings';

/** Panels re-render at this rate at most; the 3D scene reads the store every frame without React. */
const PANEL_REFRESH_MS = 250;

export interface TwinState {
  plant: PlantFile | undefined;
  plants: PlantListEntry[];
  stations: Record<string, StationView>;
  lines: Record<string, LineView>;
  /** Every alarm not in NORMAL, most important first; replaced whenever a frame carries the list. */
  alarms: AlarmView[];
  alarmLoad: AlarmLoadView | undefined;
  /** A station the user asked to see (from the alarm list); the 3D view flies to it when `seq` changes. */
  focusRequest: { id: string; seq: number } | undefined;
  health: Health | undefined;
  hostConnected: boolean;
  lang: Lang;
  framesReceived: number;
  /** Bumped at most every PANEL_REFRESH_MS; panels subscribe to it instead of the live maps. */
  panelTick: number;
  setPlant(plant: PlantFile): void;
  setPlants(plants: PlantListEntry[]): void;
  setHostConnected(open: boolean): void;
  setLang(lang: Lang): void;
  applyFrame(frame: Frame): void;
  /** The whole state at once, replacing what frames merged (after a replay jumps); ignored for another plant than the one shown. */
  applySnapshot(snapshot: Snapshot): void;
  focusStation(id: string): void;
}

const initialLang = (): Lang => {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('linetwin.lang') : null;
  return saved === 'en' || saved === 'zh' ? saved : 'zh';
};

let lastPanelTick = 0;

export const useTwinStore = create<TwinState>((set, get) => ({
  plant: undefined,
  plants: [],
  stations: {},
  lines: {},
  alarms: [],
  alarmLoad: undefined,
  focusRequest: undefined,
  health: undefined,
  hostConnected: true,
  lang: initialLang(),
  framesReceived: 0,
  panelTick: 0,
  // Alarms stay: every frame that carries the list replaces it, and a new plant's first (full) frame may come before the plant itself.
  setPlant: (plant) => set({ plant, stations: {}, lines: {} }),
  setPlants: (plants) => set({ plants }),
  setHostConnected: (hostConnected) => set({ hostConnected, panelTick: get().panelTick + 1 }),
  setLang: (lang) => {
    localStorage.setItem('linetwin.lang', lang);
    set({ lang });
  },
  applyFrame: (frame) => {
    const state = get();
    // Mutated in place: the scene reads it every animation frame, and a copy per frame is waste.
    Object.assign(state.stations, frame.stations);
    Object.assign(state.lines, frame.lines);
    const now = performance.now();
    const tick = now - lastPanelTick >= PANEL_REFRESH_MS;
    if (tick) lastPanelTick = now;
    set({
      health: frame.health,
      framesReceived: state.framesReceived + 1,
      ...(frame.alarms ? { alarms: frame.alarms } : {}),
      ...(frame.alarmLoad ? { alarmLoad: frame.alarmLoad } : {}),
      ...(tick ? { panelTick: state.panelTick + 1 } : {}),
    });
  },
  applySnapshot: (snapshot) => {
    const state = get();
    if (snapshot.plantId !== state.plant?.id) return;
    set({
      stations: { ...snapshot.stations },
      lines: { ...snapshot.lines },
      alarms: snapshot.alarms,
      alarmLoad: snapshot.alarmLoad,
      panelTick: state.panelTick + 1,
    });
  },
  focusStation: (id) => set({ focusRequest: { id, seq: (get().focusRequest?.seq ?? 0) + 1 } }),
}));

/** Re-render a panel at the panel rate; returns the tick for use as a dependency. */
export const usePanelTick = (): number => useTwinStore((s) => s.panelTick);
