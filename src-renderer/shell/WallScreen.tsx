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
import { PlantScene } from '../scene/PlantScene';
import { useTwinStore } from '../store/twin-store';
import { ExhibitionOverlay, useExhibitionTour } from './ExhibitionOverlay';
import { useShellStore } from './shell-store';

/** Settles after the camera rig's own first fit, then shows the line's preset. */
function useLinePreset(lineId: string | undefined): void {
  const plant = useTwinStore((s) => s.plant);
  useEffect(() => {
    if (!lineId || !plant) return;
    const timer = setInterval(() => {
      if (!modelRef.current || !cameraRef.current) return;
      clearInterval(timer);
      flyToLine(lineId);
    }, 500);
    return () => clearInterval(timer);
  }, [lineId, plant]);
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
