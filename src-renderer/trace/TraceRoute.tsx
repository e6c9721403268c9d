import { useEffect, useMemo } from 'react';
import { Mesh, MeshBasicMaterial, SphereGeometry, Vector3 } from 'three';
import type { PlantModel } from '../scene/plant-model';
import { SCENE_TEST_HOOK, sceneFacts } from '../scene/scene-facts';
import { ROUTE_TUBE_RADIUS_M, routeTube } from './route-tube';
import { routeOf, useTraceUi } from './trace-ui';

const LIFT_M = 0.6;
/**
 * Green: no alarm priority (red, orange, yellow, blue) nor station state (magenta, purple, teal,
 * grey) uses it, so the route is never read as an abnormal condition (ISA-101). Unlit, so it
 * keeps one colour from every angle; drawn over the equipment it passes.
 */
const ROUTE_MATERIAL = new MeshBasicMaterial({ color: '#2f9e55', depthTest: false, transparent: true, opacity: 0.9 });
const HERE_MATERIAL = new MeshBasicMaterial({ color: '#ffd23f', depthTest: false, transparent: true });
const HERE_GEOMETRY = new SphereGeometry(0.9, 16, 12);

/** The open item's route through the plant as a tube above the stations, and a marker where it is now. */
export function TraceRoute({ model }: { model: PlantModel }) {
  const open = useTraceUi((s) => s.open);
  const route = useMemo(() => routeOf(open), [open]);
  const line = useMemo(() => {
    const points = route.stations.flatMap((id) => {
      const st = model.byId.get(id);
      return st ? [new Vector3(st.position.x, st.position.y + st.kit.height + LIFT_M, st.position.z)] : [];
    });
    const geometry = routeTube(points);
    if (!geometry) return undefined;
    const tube = new Mesh(geometry, ROUTE_MATERIAL);
    tube.renderOrder = 10;
    return tube;
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
    if (SCENE_TEST_HOOK) sceneFacts.traceRoute = { item: route.item, stations: route.stations.filter((id) => model.byId.has(id)), current: route.current, drawn: line !== undefined, widthM: line ? 2 * ROUTE_TUBE_RADIUS_M : 0 };
    return () => line?.geometry.dispose();
  }, [route, line, model]);
  return (
    <>
      {line && <primitive object={line} />}
      {here && <primitive object={here} />}
    </>
  );
}
