import { type RootState, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { SCENE_TEST_HOOK, sceneFacts } from './scene-facts';

export type SceneUpdate = (dt: number, state: RootState) => void;

/** Update order: state first, then what draws from it, then the camera. */
export const ORDER = { state: 0, products: 10, indicators: 20, labels: 30, camera: 40, tour: 50 } as const;

interface Entry {
  order: number;
  run: SceneUpdate;
}
const entries: Entry[] = [];

/** Registers a per-frame update that runs inside the one timed scene loop. */
export function useSceneUpdate(order: number, update: SceneUpdate): void {
  const latest = useRef(update);
  latest.current = update;
  useEffect(() => {
    const entry: Entry = { order, run: (dt, s) => latest.current(dt, s) };
    entries.push(entry);
    entries.sort((a, b) => a.order - b.order);
    return () => {
      entries.splice(entries.indexOf(entry), 1);
    };
  }, [order]);
}

/**
 * The single useFrame of the scene: runs every registered update in order and, in a test build,
 * records their JS time, the figure the per-frame budget (DESIGN.md: ≤ 2 ms) is about.
 */
export function SceneLoop(): null {
  const gl = useThree((s) => s.gl);
  useFrame((state, delta) => {
    // A background tab resumes with a huge delta; motion should not jump ahead by minutes.
    const dt = Math.min(delta, 0.1);
    if (!SCENE_TEST_HOOK) {
      for (const e of entries) e.run(dt, state);
      return;
    }
    const t0 = performance.now();
    for (const e of entries) e.run(dt, state);
    sceneFacts.lastFrameMs = performance.now() - t0;
    sceneFacts.drawCalls = gl.info.render.calls;
    sceneFacts.triangles = gl.info.render.triangles;
    sceneFacts.frames += 1;
  });
  useEffect(() => {
    if (SCENE_TEST_HOOK) sceneFacts.webgl = gl.getContext() !== null;
  }, [gl]);
  return null;
}
