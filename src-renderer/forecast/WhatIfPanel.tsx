import { useState } from 'react';
import type { WhatIfChange, WhatIfView } from '../../src-main/shared/forecast';
import type { PlantFile, StationSpec } from '../../src-main/shared/plant-schema';
import { useT } from '../i18n/use-t';
import { useReplayStore } from '../replay/replay-store';
import { useTwinStore } from '../store/twin-store';
import { ForecastBasis } from './ForecastFigures';
import { forecastPhrase, modelLines, signedUnits } from './forecast-format';
import { nextBreakStart } from './next-break';
import { useForecastStore } from './forecast-store';
import './forecast.css';

type Kind = 'down' | 'cycle' | 'more' | 'less' | 'break';

function changeOf(kind: Kind, station: StationSpec, minutes: number, atBreak: number | undefined, cyclePct: number, shift: string | undefined, breakAt: string): WhatIfChange[] {
  switch (kind) {
    case 'down':
      return [{ kind: 'down', station: station.id, minutes, ...(atBreak !== undefined ? { at: atBreak } : {}) }];
    case 'cycle':
      return [{ kind: 'cycle', station: station.id, factor: cyclePct / 100 }];
    case 'more':
      return [{ kind: 'machines', station: station.id, delta: 1 }];
    case 'less':
      return [{ kind: 'machines', station: station.id, delta: -1 }];
    case 'break':
      return shift ? [{ kind: 'break', shift, index: 0, start: breakAt }] : [];
  }
}

/** Baseline and changed forecast of one line side by side, with the difference in units. */
function Comparison({ result, line }: { result: WhatIfView; line: string }) {
  const t = useT();
  const base = result.baseline.lines[line];
  const changed = result.changed.lines[line];
  if (!base || !changed) return null;
  return (
    <>
      <table className="what-if-result" data-testid="what-if-result">
        <tbody>
          <tr>
            <th>{t('forecast.whatIf.baseline')}</th>
            <td data-testid="what-if-baseline">{forecastPhrase(base, t)}</td>
          </tr>
          <tr>
            <th>{t('forecast.whatIf.changed')}</th>
            <td data-testid="what-if-changed">{forecastPhrase(changed, t)}</td>
          </tr>
          <tr>
            <th>{t('forecast.whatIf.diff')}</th>
            <td data-testid="what-if-diff">{signedUnits(result.difference[line] ?? 0)}</td>
          </tr>
        </tbody>
      </table>
      <ForecastBasis view={result.changed} />
    </>
  );
}

/** What the forecast assumes of this station: its calibrated cycle, failure and repair figures, and on how much data they rest. */
function StationModel({ station }: { station: string }) {
  const t = useT();
  const c = useForecastStore((s) => s.view?.calibration?.[station]);
  if (!c) return null;
  return (
    <div className="forecast-model" data-testid="forecast-model">
      <span>{t('forecast.model')}: </span>
      {modelLines(c, t).join(' · ')}
    </div>
  );
}

/** What-if from the inspector: a change to this station (or its line's break), run on the forecast only. */
export function WhatIfPanel({ plant, station }: { plant: PlantFile; station: StationSpec }) {
  const t = useT();
  const whatIf = useForecastStore((s) => s.whatIf);
  const view = useForecastStore((s) => s.view);
  const lang = useTwinStore((s) => s.lang);
  const replaying = useReplayStore((s) => s.status !== null);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('down');
  const [minutes, setMinutes] = useState(30);
  const [atBreak, setAtBreak] = useState(false);
  const [cyclePct, setCyclePct] = useState(110);
  const [breakAt, setBreakAt] = useState('11:00');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ station: string; view: WhatIfView } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const line = plant.lines.find((l) => l.stations.some((s) => s.id === station.id))?.id ?? '';
  // A what-if is tried on the live plant; a replay shows what was.
  if (!whatIf || replaying) return null;
  if (!open) {
    return (
      <>
        <StationModel station={station.id} />
        <button type="button" className="link" data-testid="what-if-open" onClick={() => setOpen(true)}>
          {t('forecast.whatIf')}
        </button>
      </>
    );
  }
  const breakStart = view ? nextBreakStart(plant, view.madeAt) : undefined;
  const run = (): void => {
    const changes = changeOf(kind, station, minutes, atBreak ? breakStart : undefined, cyclePct, view?.shiftId, breakAt);
    if (changes.length === 0) return;
    setBusy(true);
    setError(undefined);
    whatIf(changes, line).then(
      (v) => setResult({ station: station.id, view: v }),
      (err: Error) => setError(t('forecast.whatIf.error').replace('{error}', err.message)),
    ).finally(() => setBusy(false));
  };
  return (
    <section className="what-if" data-testid="what-if" lang={lang}>
      <h4>{t('forecast.whatIf.title')}</h4>
      <label>
        {t('forecast.whatIf.kind')}{' '}
        <select value={kind} data-testid="what-if-kind" onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="down">{t('forecast.whatIf.down')}</option>
          <option value="cycle">{t('forecast.whatIf.cycle')}</option>
          <option value="more">{t('forecast.whatIf.more')}</option>
          <option value="less">{t('forecast.whatIf.less')}</option>
          <option value="break">{t('forecast.whatIf.break')}</option>
        </select>
      </label>
      {kind === 'down' && (
        <div>
          <input type="number" min={1} max={1440} value={minutes} data-testid="what-if-minutes" onChange={(e) => setMinutes(Math.max(1, Number(e.target.value) || 1))} />{' '}
          <select value={atBreak ? 'break' : 'now'} onChange={(e) => setAtBreak(e.target.value === 'break')} aria-label={t('forecast.whatIf.start')}>
            <option value="now">{t('forecast.whatIf.now')}</option>
            {breakStart !== undefined && <option value="break">{t('forecast.whatIf.atBreak')}</option>}
          </select>
        </div>
      )}
      {kind === 'cycle' && <input type="number" min={20} max={500} step={5} value={cyclePct} onChange={(e) => setCyclePct(Math.min(500, Math.max(20, Number(e.target.value) || 100)))} />}
      {kind === 'break' && <input type="time" value={breakAt} onChange={(e) => setBreakAt(e.target.value)} />}
      <button type="button" disabled={busy} data-testid="what-if-run" onClick={run}>
        {busy ? t('forecast.whatIf.running') : t('forecast.whatIf.run')}
      </button>
      {error && <p className="status-warn">{error}</p>}
      {result && result.station === station.id && <Comparison result={result.view} line={line} />}
    </section>
  );
}
