import { useEffect, useState } from 'react';
import type { Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { translate } from '../i18n/strings';
import { useTwinStore } from '../store/twin-store';
import { ORDER, useSceneUpdate } from './frame-loop';
import type { PlantModel, StationRuntime } from './plant-model';
import { pointer } from './pointer';
import { useSceneUi } from './scene-ui';
import { fill } from './ui/format';

/** Models are copied from assets/models next to the built renderer (see electron.vite.config.ts). */
export function modelUrl(model: string): string {
  return `./models/${model.replace(/^(\.\/)?(assets\/)?models\//, '')}`;
}

const loader = new GLTFLoader();
const loads = new Map<string, Promise<Object3D>>();
function load(url: string): Promise<Object3D> {
  let p = loads.get(url);
  if (!p) {
    p = loader.loadAsync(url).then((g) => g.scene);
    loads.set(url, p);
  }
  return p;
}

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 120 ? `${msg.slice(0, 117)}…` : msg;
}

/** One station drawn from its glTF file; the procedural model stays until (and unless) it loads. */
function GltfStation({ model, st, file }: { model: PlantModel; st: StationRuntime; file: string }) {
  const [object, setObject] = useState<Object3D | undefined>(undefined);
  useEffect(() => {
    let live = true;
    load(modelUrl(file)).then(
      (scene) => {
        if (!live) return;
        setObject(scene.clone(true));
        model.setReplaced(st.spec.id, true);
      },
      (err: unknown) => {
        if (!live) return;
        const lang = useTwinStore.getState().lang;
        useSceneUi.getState().notify(fill(translate(lang, 'model.failed'), { model: file, station: st.spec.id, reason: reasonOf(err) }));
      },
    );
    return () => {
      live = false;
      model.setReplaced(st.spec.id, false);
    };
  }, [model, st, file]);
  useSceneUpdate(ORDER.products, () => {
    if (object) object.matrix.copy(st.base);
  });
  if (!object) return null;
  return (
    <primitive
      object={object}
      matrixAutoUpdate={false}
      onPointerMove={(e: { stopPropagation(): void; nativeEvent: PointerEvent }) => {
        e.stopPropagation();
        pointer.move(e.nativeEvent);
        useSceneUi.getState().hover(st.spec.id);
      }}
      onPointerOut={() => useSceneUi.getState().hover(undefined)}
      onClick={(e: { stopPropagation(): void; delta: number }) => {
        e.stopPropagation();
        if (e.delta <= 4) pointer.pick(st.spec.id);
      }}
    />
  );
}

export function GltfModels({ model }: { model: PlantModel }) {
  return (
    <>
      {model.stations.map((st) => (st.spec.model ? <GltfStation key={st.spec.id} model={model} st={st} file={st.spec.model} /> : null))}
    </>
  );
}
