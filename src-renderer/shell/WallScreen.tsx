import { useEffect } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { WallView } from '../../src-main/shared/wall-view';
import { AlarmBanner } from '../alarms/AlarmBanner';
import { AlarmPanel } from '../alarms/AlarmPanel';
import { useT } from '../i18n/use-t';
import { KpiPanel } from '../kpi/KpiPanel';
import { StatusBar } from '../panels/StatusBar';
import { cameraRef } from '../scene/camera-control';
import { flyToLine, modelRef } from '../scene/focus';
import type { PlantModel } from '../scene/plant-model';
import { PlantScene } from '../scene/PlantScene';
import { useTwinStore } from '../store/twin-store';
import { ExhibitionOverlay, useExhibitionTour } from './ExhibitionOverlay';
import { useShellStore } from './shell-store';

/**
 * A line wall shows its line's preset. The camera rig starts each new plant model on the
 * overview, so the wall waits a tick after a model appears before it flies to the line, and does
 * so again whenever the model is rebuilt (plant reloaded).
 */
function useLinePreset(lineId: string | undefined): void {
  useEffect(() => {
    if (!lineId) return;
    let seen: PlantModel | undefined;
    let ticks = 0;
    const timer = setInterval(() => {
      const model = modelRef.current;
      if (!model || !cameraRef.current) return;
      if (model !== seen) {
        seen = model;
        ticks = 0;
        return;
      }
      ticks += 1;
      if (ticks === 1) flyToLine(lineId);
    }, 500);
    return () => clearInterval(timer);
  }, [lineId]);
}

function ExhibitionScreen() {
  const idleMinutes = useShellStore((s) => s.idleMinutes);
  useExhibitionTour(idleMinutes);
  return (
    <>
      <main className="viewport">
        <PlantScene />
      </main>
      <ExhibitionOverlay />
    </>
  );
}

/**
 * A wall window: one view without the operator's desk around it; the exhibition screen shows
 * the plant on tour with no operator actions at all (the shell answers its bridge as a viewer).
 */
export function WallScreen({ bridge, view }: { bridge: TwinBridge; view: WallView }) {
  const t = useT();
  const exhibition = useShellStore((s) => s.exhibition);
  const plant = useTwinStore((s) => s.plant);
  useLinePreset(!exhibition && view.kind === 'line' ? view.lineId : undefined);
  const body = exhibition ? (
    <ExhibitionScreen />
  ) : view.kind === 'kpi' ? (
    <main className="wall-board">
      <KpiPanel bridge={bridge} />
    </main>
  ) : view.kind === 'alarms' ? (
    <main className="wall-board">
      <AlarmPanel bridge={bridge} />
    </main>
  ) : (
    <>
      <AlarmBanner bridge={bridge} />
      <main className="viewport">{plant ? <PlantScene /> : <div className="loading">{t('loading')}</div>}</main>
    </>
  );
  return (
    <div className={exhibition ? 'app app-wall app-exhibition' : 'app app-wall'} data-view={exhibition ? 'exhibition' : view.kind}>
      {body}
      {!exhibition && <StatusBar />}
    </div>
  );
}
