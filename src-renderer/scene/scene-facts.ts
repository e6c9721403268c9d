import type { StationState } from '../../src-main/shared/station-state';

export interface SceneFacts {
  stations: Record<string, { state: StationState; indicator: string; stale: boolean }>;
  stationObjects: number;
  drawCalls: number;
  triangles: number;
  /** JS time of the last per-frame update, ms. */
  lastFrameMs: number;
  frames: number;
  webgl: boolean;
  /** Root-cause stations ringed by lost units (the Losses view's shift), largest first. */
  lossRings: Array<{ station: string; lostUnits: number }>;
  /** The open item card's route as the scene draws it, and where the item is now while in WIP. */
  traceRoute: { item: string | null; stations: string[]; current: string | null; drawn: boolean; widthM: number };
}

declare global {
  interface ImportMeta {
    /** `LINETWIN_TEST_HOOK` is true only in a test build (`electron-vite build --mode test`, electron.vite.config.ts). */
    readonly env: { readonly LINETWIN_TEST_HOOK?: boolean };
  }
}

/**
 * Whether this build carries the scene facts and `window.__linetwin`: the e2e suites and the
 * scene bench read them; a production build leaves the code out and does no work per frame for it.
 */
export const SCENE_TEST_HOOK = import.meta.env.LINETWIN_TEST_HOOK === true;

/** Filled by the scene every frame in a test build; read by e2e tests and benchmarks through `window.__linetwin`. */
export const sceneFacts: SceneFacts = { stations: {}, stationObjects: 0, drawCalls: 0, triangles: 0, lastFrameMs: 0, frames: 0, webgl: false, lossRings: [], traceRoute: { item: null, stations: [], current: null, drawn: false, widthM: 0 } };

/** Client (page) coordinates of a station's body, for tests that click it; set by the mounted scene. */
export const sceneProbe: { screenPositionOf?: (id: string) => { x: number; y: number } | undefined } = {};

declare global {
  interface Window {
    __linetwin?: { scene(): SceneFacts; screenPositionOf(id: string): { x: number; y: number } | undefined };
  }
}

export function installTestHook(): void {
  window.__linetwin = { scene: () => structuredClone(sceneFacts), screenPositionOf: (id) => sceneProbe.screenPositionOf?.(id) };
}
