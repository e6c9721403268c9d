import { useEffect, useRef } from 'react';
import { flyToLine, focusStation } from './focus';
import { ORDER, useSceneUpdate } from './frame-loop';
import { dwellOf, Tour } from './live/tour';
import type { PlantModel } from './plant-model';
import { useSceneUi } from './scene-ui';
import { urgencyOf } from './state-style';

/** Drives the exhibition tour from the scene loop while `touring` is on. */
export function TourGuide({ model }: { model: PlantModel }): null {
  const touring = useSceneUi((s) => s.touring);
  const tour = useRef<Tour | undefined>(undefined);
  const left = useRef(0);
  useEffect(() => {
    tour.current = touring ? new Tour(model.plant.lines.map((l) => l.id)) : undefined;
    left.current = 0;
  }, [touring, model]);
  useSceneUpdate(ORDER.tour, (dt) => {
    const current = tour.current;
    if (!current) return;
    left.current -= dt;
    if (left.current > 0) return;
    const stop = current.next((lineId) =>
      model.stations
        .filter((s) => s.lineId === lineId && s.indicator.kind !== 'none')
        .sort((a, b) => urgencyOf(a.indicator) - urgencyOf(b.indicator))
        .map((s) => s.spec.id),
    );
    if (!stop) return;
    left.current = dwellOf(stop);
    if (stop.kind === 'line') {
      useSceneUi.getState().select(undefined);
      flyToLine(stop.lineId);
    } else focusStation(stop.stationId);
  });
  return null;
}
