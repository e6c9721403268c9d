import { useEffect, useMemo } from 'react';
import { parseWallView, VIEW_PARAM } from '../src-main/shared/wall-view';
import { AlarmBanner } from './alarms/AlarmBanner';
import { connectBridge } from './bridge/connect-bridge';
import { useT } from './i18n/use-t';
import { useForecastFeed } from './forecast/forecast-store';
import { SidePanel } from './panels/SidePanel';
import { StatusBar } from './panels/StatusBar';
import { TopBar } from './panels/TopBar';
import { followFrames } from './replay/follow-frames';
import { useReplayStore } from './replay/replay-store';
import { Timeline } from './replay/Timeline';
import { PlantScene } from './scene/PlantScene';
import { ShellLayer } from './shell/ShellLayer';
import { useShellStore } from './shell/shell-store';
import { WallScreen } from './shell/WallScreen';
import { useTwinStore } from './store/twin-store';
import { TraceLayer } from './trace/TraceLayer';

export function App() {
  const t = useT();
  const plant = useTwinStore((s) => s.plant);
  const replaying = useReplayStore((s) => s.status !== null);
  const view = useMemo(() => parseWallView(new URLSearchParams(window.location.search).get(VIEW_PARAM)), []);
  const exhibition = useShellStore((s) => s.exhibition);
  const bridge = useMemo(() => connectBridge((open) => useTwinStore.getState().setHostConnected(open)), []);
  useEffect(() => {
    const store = useTwinStore.getState();
    const offFrame = followFrames(bridge);
    const offPlant = bridge.on('plant', (p) => useTwinStore.getState().setPlant(p));
    void bridge.request('getPlant', undefined).then(store.setPlant);
    void bridge.request('listPlants', undefined).then(store.setPlants);
    return () => {
      offFrame();
      offPlant();
    };
  }, [bridge]);
  useForecastFeed(bridge);
  if (view.kind !== 'control' || exhibition) {
    return (
      <>
        <WallScreen bridge={bridge} view={view} />
        <ShellLayer bridge={bridge} />
      </>
    );
  }
  return (
    <div className={replaying ? 'app app-replay' : 'app'} data-mode={replaying ? 'replay' : 'live'}>
      <TopBar bridge={bridge} />
      <AlarmBanner bridge={bridge} />
      <div className="workspace">
        <main className="viewport">
          {plant ? <PlantScene /> : <div className="loading">{t('loading')}</div>}
          <TraceLayer bridge={bridge} />
        </main>
        <SidePanel bridge={bridge} />
      </div>
      <Timeline bridge={bridge} />
      <StatusBar />
      <ShellLayer bridge={bridge} />
    </div>
  );
}
