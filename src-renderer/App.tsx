import { useEffect, useMemo } from 'react';
import { AlarmBanner } from './alarms/AlarmBanner';
import { connectBridge } from './bridge/connect-bridge';
import { useT } from './i18n/use-t';
import { SidePanel } from './panels/SidePanel';
import { StatusBar } from './panels/StatusBar';
import { TopBar } from './panels/TopBar';
import { followFrames } from './replay/follow-frames';
import { useReplayStore } from './replay/replay-store';
import { Timeline } from './replay/Timeline';
import { PlantScene } from './scene/PlantScene';
import { useTwinStore } from './store/twin-store';
import { TraceLayer } from './trace/TraceLayer';

export function App() {
  const t = useT();
  const plant = useTwinStore((s) => s.plant);
  const replaying = useReplayStore((s) => s.status !== null);
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
    </div>
  );
}
