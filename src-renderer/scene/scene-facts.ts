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

declare global {
  interface Window {
    __linetwin?: { scene(): SceneFacts };
  }
}

export function installTestHook(): void {
  window.__linetwin = { scene: () => structuredClone(sceneFacts) };
}
