import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Vector3 } from 'three';
import type { AlarmView, StationView } from '../../src-main/shared/views';
import { type TwinState, useTwinStore } from '../store/twin-store';
import { cameraRef } from './camera-control';
import { CameraRig } from './CameraRig';
import { focusStation, modelRef } from './focus';
import { ORDER, SceneLoop, useSceneUpdate } from './frame-loop';
import { GltfModels } from './GltfModels';
import { Hall } from './Hall';
import { LossRings } from '../losses/LossRings';
import { Indicators } from './Indicators';
import { PlantModel } from './plant-model';
import { Products } from './Products';
import { SCENE_TEST_HOOK, sceneFacts, sceneProbe } from './scene-facts';
import { alarmPriorities, indicatorLabel, type Priority } from './state-style';
import { StationMeshes } from './StationMeshes';
import { TourGuide } from './TourGuide';
import './scene.css';
import { Inspector } from './ui/Inspector';
import { HelpOverlay, LegendPanel } from './ui/Legend';
import { LabelOverlay } from './ui/LabelOverlay';
import { ModelNotices } from './ui/ModelNotices';
import { SceneHud } from './ui/SceneHud';
import { Tooltip } from './ui/Tooltip';
import { TraceRoute } from '../trace/TraceRoute';

/** The alarm list, when the store carries one (the alarm panel adds it); absent means none. */
const alarmsOf = (s: TwinState): readonly AlarmView[] | undefined => (s as TwinState & { alarms?: readonly AlarmView[] }).alarms;

/** A station another panel asked to show (the alarm list's "show in 3D"), when the store carries one. */
const focusRequestOf = (s: TwinState) => (s as TwinState & { focusRequest?: { id: string; seq: number } }).focusRequest;

let lastAlarms: readonly AlarmView[] | undefined;
let lastPriorities = new Map<string, Priority>();
function currentAlarmPriorities(s: TwinState): ReadonlyMap<string, Priority> {
  const alarms = alarmsOf(s);
  if (alarms !== lastAlarms) {
    lastAlarms = alarms;
    lastPriorities = alarmPriorities(alarms);
  }
  return lastPriorities;
}

/** What the scene shows, for the test hook: object count and each station's state as drawn. */
function recordSceneFacts(model: PlantModel, stations: Record<string, StationView>): void {
  let objects = 0;
  for (const b of model.batches) objects += b.body?.count ?? 0;
  sceneFacts.stationObjects = objects;
  for (const st of model.stations) {
    const view = stations[st.spec.id];
    const fact = sceneFacts.stations[st.spec.id];
    const state = view?.state ?? 'OFFLINE';
    const stale = view?.stale ?? true;
    const indicator = indicatorLabel(st.indicator);
    if (!fact) sceneFacts.stations[st.spec.id] = { state, indicator, stale };
    else if (fact.state !== state || fact.stale !== stale || fact.indicator !== indicator) Object.assign(fact, { state, indicator, stale });
  }
}

/** Live state into the model (and the test hook in a test build), from the store read transiently each frame. */
function LiveState({ model }: { model: PlantModel }): null {
  useSceneUpdate(ORDER.state, (dt) => {
    const s = useTwinStore.getState();
    model.update({ dt, stations: s.stations, alarms: currentAlarmPriorities(s) });
    if (SCENE_TEST_HOOK) recordSceneFacts(model, s.stations);
  });
  useSceneUpdate(ORDER.camera, (dt) => cameraRef.current?.update(dt));
  const { camera, gl } = useThree();
  useEffect(() => {
    if (!SCENE_TEST_HOOK) return undefined;
    sceneProbe.screenPositionOf = (id) => {
      const st = model.byId.get(id);
      if (!st) return undefined;
      const p = new Vector3(st.position.x, st.position.y + st.kit.height * 0.4, st.position.z).project(camera);
      const r = gl.domElement.getBoundingClientRect();
      return { x: r.left + ((p.x + 1) / 2) * r.width, y: r.top + ((1 - p.y) / 2) * r.height };
    };
    return () => {
      sceneProbe.screenPositionOf = undefined;
    };
  }, [model, camera, gl]);
  return null;
}

export function PlantScene() {
  const plant = useTwinStore((s) => s.plant);
  const model = useMemo(() => (plant ? new PlantModel(plant) : undefined), [plant]);
  useEffect(() => {
    if (SCENE_TEST_HOOK) sceneFacts.stations = {};
    modelRef.current = model;
    const stopFollowing = useTwinStore.subscribe((s, prev) => {
      const req = focusRequestOf(s);
      if (req && req !== focusRequestOf(prev)) focusStation(req.id);
    });
    return () => {
      stopFollowing();
      modelRef.current = undefined;
    };
  }, [model]);
  if (!plant || !model) return null;
  return (
    <>
      <Canvas className="plant-canvas" camera={{ position: [0, 90, 110], fov: 45, near: 0.5, far: 2000 }} gl={{ antialias: true, preserveDrawingBuffer: true }}>
        <SceneLoop />
        {/* A dark surround sets the lit hall off from the page; the key light comes from the viewer's side so machine fronts read. */}
        <color attach="background" args={['#3a4047']} />
        <hemisphereLight args={['#ffffff', '#7d848b', 1.5]} />
        <directionalLight position={[30, 80, 70]} intensity={2.2} />
        <directionalLight position={[-50, 40, -40]} intensity={0.6} />
        <Hall plant={plant} model={model} />
        <StationMeshes model={model} />
        <Products model={model} />
        <Indicators model={model} />
        <LiveState model={model} />
        <CameraRig model={model} />
        <GltfModels model={model} />
        <LossRings model={model} />
        <TraceRoute model={model} />
      </Canvas>
      <LabelOverlay model={model} />
      <Tooltip model={model} />
      <TourGuide model={model} />
      <SceneHud model={model} />
      <Inspector model={model} />
      <LegendPanel />
      <HelpOverlay />
      <ModelNotices />
    </>
  );
}
