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
}

/** Filled by the scene every frame; read by e2e tests and benchmarks through `window.__linetwin`. */
export const sceneFacts: SceneFacts = { stations: {}, stationObjects: 0, drawCalls: 0, triangles: 0, lastFrameMs: 0, frames: 0, webgl: false };

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
