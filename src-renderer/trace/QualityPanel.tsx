import { type CSSProperties, useEffect, useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { QualitySummary } from '../../src-main/shared/trace';
import { useT } from '../i18n/use-t';
import { fill } from '../scene/ui/format';
import { Sparkline } from '../scene/ui/Sparkline';
import { usePanelTick, useTwinStore } from '../store/twin-store';
import { useTraceUi } from './trace-ui';
import { plantClock, usePlantTimeZone } from '../i18n/plant-time';

const SHIFT_MS = 8 * 3_600_000;
const REFRESH_MS = 15_000;

function Bars({ counts, testid }: { counts: Record<string, number>; testid: string }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const max = entries[0]?.[1] ?? 1;
  return (
    <ul className="quality-bars" data-testid={testid}>
      {entries.map(([k, n]) => (
        <li key={k} className="quality-bar" data-key={k} data-count={n}>
          <span style={{ '--share': `${(n / max) * 100}%` } as CSSProperties}>{k}</span>
          <span>{n}</span>
        </li>
      ))}
    </ul>
  );
}

/** Per line over the last shift: first-pass yield, rejects by reason and by station, the latest rejects with their cards. */
export function QualityPanel({ bridge }: { bridge: TwinBridge }) {
  usePanelTick();
  const t = useT();
  const plant = useTwinStore((s) => s.plant);
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const lines = plant?.lines ?? [];
  const [line, setLine] = useState<string | undefined>(undefined);
  const [summary, setSummary] = useState<QualitySummary | undefined>(undefined);
  const chosen = line ?? lines.at(-1)?.id;
  // Plant time (a replay's, the demo's), as the scene reads it: the newest station update.
  const clock = Object.values(useTwinStore.getState().stations).reduce((m, v) => Math.max(m, v.lastUpdate), 0) || Date.now();
  const from = Math.floor((clock - SHIFT_MS) / 60_000) * 60_000;
  useEffect(() => {
    if (!chosen) return undefined;
    let live = true;
    const load = () =>
      bridge.request('traceQuality', { line: chosen, from, to: from + SHIFT_MS + 3_600_000 }).then(
        (q) => live && setSummary(q),
        () => live && setSummary(undefined),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, chosen, from]);
  return (
    <div className="quality-panel" data-testid="quality-panel">
      <label>
        {t('trace.line')}{' '}
        <select value={chosen ?? ''} onChange={(e) => setLine(e.target.value)} data-testid="quality-line">
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <p className="trace-sub">{fill(t('trace.shift'), { time: plantClock(from, lang, timeZone) })}</p>
      {summary && (
        <>
          <h4>{t('trace.fpy')}</h4>
          <p data-testid="quality-fpy" data-tested={summary.tested}>
            <b>{summary.firstPassYield === null ? '—' : `${(summary.firstPassYield * 100).toFixed(1)} %`}</b> ({summary.firstPass} / {summary.tested} {t('trace.tested')})
          </p>
          <div title={t('trace.trend')} data-testid="quality-trend">
            <Sparkline values={summary.trend.flatMap((h) => (h.firstPassYield === null ? [] : [h.firstPassYield * 100]))} />
          </div>
          <h4>{t('trace.rejectsByReason')}</h4>
          <Bars counts={summary.rejectsByReason} testid="quality-reasons" />
          <h4>{t('trace.rejectsByStation')}</h4>
          <Bars counts={summary.rejectsByStation} testid="quality-stations" />
          <h4>{t('trace.recentRejects')}</h4>
          {summary.recentRejects.length ? (
            <ul className="trace-tree" data-testid="quality-rejects">
              {summary.recentRejects.slice(0, 20).map((r) => (
                <li key={`${r.id}-${r.ts}`}>
                  <button type="button" className="trace-link" onClick={() => void useTraceUi.getState().openItem(r.id)}>
                    {r.id}
                  </button>
                  <span className="trace-sub">
                    {r.station} · {r.reason ?? r.verdict}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="trace-sub">{t('trace.noRejects')}</p>
          )}
        </>
      )}
    </div>
  );
}
