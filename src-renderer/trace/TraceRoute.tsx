import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, Line, LineBasicMaterial, Mesh, MeshBasicMaterial, SphereGeometry } from 'three';
import type { PlantModel } from '../scene/plant-model';
import { SCENE_TEST_HOOK, sceneFacts } from '../scene/scene-facts';
import { routeOf, useTraceUi } from './trace-ui';

const LIFT_M = 0.6;
const ROUTE_MATERIAL = new LineBasicMaterial({ color: '#37b4ff', depthTest: false, transparent: true });
const HERE_MATERIAL = new MeshBasicMaterial({ color: '#ffd23f', depthTest: false, transparent: true });
const HERE_GEOMETRY = new SphereGeometry(0.9, 16, 12);

/** The open item's route through the plant as a line above the stations, and a marker where it is now. */
export function TraceRoute({ model }: { model: PlantModel }) {
  const open = useTraceUi((s) => s.open);
  const route = useMemo(() => routeOf(open), [open]);
  const line = useMemo(() => {
    const points = route.stations.flatMap((id) => {
      const st = model.byId.get(id);
      return st ? [st.position.x, st.position.y + st.kit.height + LIFT_M, st.position.z] : [];
    });
    if (points.length < 6) return undefined;
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new Float32BufferAttribute(points, 3));
    const l = new Line(geometry, ROUTE_MATERIAL);
    l.renderOrder = 10;
    return l;
  }, [route, model]);
  const here = useMemo(() => {
    const st = route.current ? model.byId.get(route.current) : undefined;
    if (!st) return undefined;
    const m = new Mesh(HERE_GEOMETRY, HERE_MATERIAL);
    m.position.set(st.position.x, st.position.y + st.kit.height + LIFT_M * 2, st.position.z);
    m.renderOrder = 11;
    return m;
  }, [route, model]);
  useEffect(() => {
    if (SCENE_TEST_HOOK) sceneFacts.traceRoute = { item: route.item, stations: route.stations.filter((id) => model.byId.has(id)), current: route.current, drawn: line !== undefined };
    return () => line?.geometry.dispose();
  }, [route, line, model]);
  return (
    <>
      {line && <primitive object={line} />}
      {here && <primitive object={here} />}
    </>
  );
}
