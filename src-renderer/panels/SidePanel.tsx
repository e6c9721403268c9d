import { useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import { AlarmPanel } from '../alarms/AlarmPanel';
import { useT } from '../i18n/use-t';
import { KpiPanel } from '../kpi/KpiPanel';
import { useTwinStore } from '../store/twin-store';

/** The operator's side panel: the alarm list and the line KPIs, one at a time, or folded away. */
export function SidePanel({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const [tab, setTab] = useState<'alarms' | 'kpi' | undefined>('alarms');
  const unacked = useTwinStore((s) => s.alarms.filter((a) => a.state === 'UNACK_ACTIVE' || a.state === 'RTN_UNACK').length);
  return (
    <aside className={`side-panel${tab ? '' : ' side-panel-folded'}`} data-testid="side-panel">
      <nav className="side-tabs">
        <button type="button" aria-pressed={tab === 'alarms'} data-testid="tab-alarms" onClick={() => setTab(tab === 'alarms' ? undefined : 'alarms')}>
          {t('alarms.title')} {unacked > 0 && <span className="badge">{unacked}</span>}
        </button>
        <button type="button" aria-pressed={tab === 'kpi'} data-testid="tab-kpi" onClick={() => setTab(tab === 'kpi' ? undefined : 'kpi')}>
          {t('kpi.title')}
        </button>
      </nav>
      {tab === 'alarms' && <AlarmPanel bridge={bridge} />}
      {tab === 'kpi' && <KpiPanel bridge={bridge} />}
    </aside>
  );
}
