import { useMemo, useRef } from 'react';
import { InstancedBufferAttribute, type InstancedMesh, Matrix4, PlaneGeometry, ShaderMaterial } from 'three';
import { ORDER, useSceneUpdate } from './frame-loop';
import { ATLAS_COLUMNS, ATLAS_ROWS, indicatorAtlas } from './indicator-atlas';
import type { PlantModel } from './plant-model';
import { indicatorTile } from './state-style';

/** On-screen size of an indicator, px: the same from across the hall as from close by. */
export const INDICATOR_PX = 30;
/** Indicators sit this far above the label anchor, px. */
export const INDICATOR_LIFT_PX = 20;

const quad = new PlaneGeometry(1, 1);

function makeMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      uAtlas: { value: indicatorAtlas() },
      uViewport: { value: [1, 1] },
      uSizePx: { value: INDICATOR_PX },
      uLiftPx: { value: INDICATOR_LIFT_PX },
      uGrid: { value: [ATLAS_COLUMNS, ATLAS_ROWS] },
    },
    vertexShader: /* glsl */ `
      attribute float aTile;
      uniform vec2 uViewport;
      uniform float uSizePx;
      uniform float uLiftPx;
      uniform vec2 uGrid;
      varying vec2 vUv;
      void main() {
        vec4 clip = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(0.0, 0.0, 0.0, 1.0);
        clip.xy += (position.xy * uSizePx + vec2(0.0, uLiftPx)) * 2.0 / uViewport * clip.w;
        gl_Position = clip;
        vec2 cell = vec2(mod(aTile, uGrid.x), floor(aTile / uGrid.x));
        vUv = (cell + vec2(uv.x, 1.0 - uv.y)) / uGrid;
      }`,
    fragmentShader: /* glsl */ `
      uniform sampler2D uAtlas;
      varying vec2 vUv;
      void main() {
        vec4 c = texture2D(uAtlas, vUv);
        if (c.a < 0.1) discard;
        gl_FragColor = c;
        #include <colorspace_fragment>
      }`,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}

const m = new Matrix4();

/**
 * Shape-and-number indicators of every abnormal station, one instanced draw: screen-sized
 * billboards drawn over the machines so that they stay readable from across the hall.
 */
export function Indicators({ model }: { model: PlantModel }) {
  const mesh = useRef<InstancedMesh>(null);
  const { geometry, material, tiles } = useMemo(() => {
    const g = quad.clone();
    const t = new InstancedBufferAttribute(new Float32Array(model.stations.length), 1);
    g.setAttribute('aTile', t);
    return { geometry: g, material: makeMaterial(), tiles: t };
  }, [model]);
  useSceneUpdate(ORDER.indicators, (_dt, { size }) => {
    const im = mesh.current;
    if (!im) return;
    const viewport = material.uniforms.uViewport?.value as number[];
    viewport[0] = size.width;
    viewport[1] = size.height;
    let n = 0;
    for (const st of model.stations) {
      const tile = indicatorTile(st.indicator);
      if (tile < 0) continue;
      m.makeTranslation(st.anchor.x, st.anchor.y, st.anchor.z);
      im.setMatrixAt(n, m);
      tiles.setX(n, tile);
      n += 1;
    }
    im.count = n;
    im.instanceMatrix.needsUpdate = true;
    tiles.needsUpdate = true;
  });
  return <instancedMesh ref={mesh} args={[geometry, material, model.stations.length]} frustumCulled={false} renderOrder={10} />;
}
