import { useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import { AlarmPanel } from '../alarms/AlarmPanel';
import { useT } from '../i18n/use-t';
import { KpiPanel } from '../kpi/KpiPanel';
import { LossesPanel } from '../losses/LossesPanel';
import { useTwinStore } from '../store/twin-store';
import { QualityPanel } from '../trace/QualityPanel';

const COLLAPSED_KEY = 'linetwin.sidePanelCollapsed';

/**
 * The operator's side panel: the alarm list, the line KPIs, the shift's losses and quality, one at a time. It folds to a narrow
 * rail (remembered across sessions) so that a wall display can give the 3D view the whole width;
 * the view re-frames itself when its size changes.
 */
export function SidePanel({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const [tab, setTab] = useState<'alarms' | 'kpi' | 'losses' | 'quality'>('alarms');
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const unacked = useTwinStore((s) => s.alarms.filter((a) => a.state === 'UNACK_ACTIVE' || a.state === 'RTN_UNACK').length);
  const fold = (on: boolean) => {
    localStorage.setItem(COLLAPSED_KEY, on ? '1' : '0');
    setCollapsed(on);
  };
  const open = (which: 'alarms' | 'kpi' | 'losses' | 'quality') => {
    setTab(which);
    fold(false);
  };
  const toggleLabel = collapsed ? t('panel.expand') : t('panel.collapse');
  return (
    <aside className={`side-panel${collapsed ? ' side-panel-folded' : ''}`} data-testid="side-panel" data-collapsed={collapsed}>
      <nav className="side-tabs">
        <button type="button" className="side-toggle" data-testid="side-panel-toggle" aria-expanded={!collapsed} title={toggleLabel} aria-label={toggleLabel} onClick={() => fold(!collapsed)}>
          {collapsed ? '«' : '»'}
        </button>
        <button type="button" aria-pressed={!collapsed && tab === 'alarms'} data-testid="tab-alarms" onClick={() => open('alarms')}>
          {t('alarms.title')} {unacked > 0 && <span className="badge">{unacked}</span>}
        </button>
        <button type="button" aria-pressed={!collapsed && tab === 'kpi'} data-testid="tab-kpi" onClick={() => open('kpi')}>
          {t('kpi.title')}
        </button>
        <button type="button" aria-pressed={!collapsed && tab === 'losses'} data-testid="tab-losses" onClick={() => open('losses')}>
          {t('losses.title')}
        </button>
        <button type="button" aria-pressed={!collapsed && tab === 'quality'} data-testid="tab-quality" onClick={() => open('quality')}>
          {t('trace.quality')}
        </button>
      </nav>
      {!collapsed && tab === 'alarms' && <AlarmPanel bridge={bridge} />}
      {!collapsed && tab === 'kpi' && <KpiPanel bridge={bridge} />}
      {!collapsed && tab === 'losses' && <LossesPanel bridge={bridge} />}
      {!collapsed && tab === 'quality' && <QualityPanel bridge={bridge} />}
    </aside>
  );
}
