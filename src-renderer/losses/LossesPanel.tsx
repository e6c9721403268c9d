import { useEffect, useMemo, useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { ReportEntry, RootCauseRow } from '../../src-main/shared/losses';
import { bankName } from '../../src-main/shared/bank-name';
import { useT } from '../i18n/use-t';
import type { StringKey } from '../i18n/strings';
import { replayControl } from '../replay/replay-control';
import { useReplayStore } from '../replay/replay-store';
import { useTwinStore } from '../store/twin-store';
import { bandSegments, bankShade, lossColor, waterfallBars } from './losses-model';
import { useLossesStore } from './losses-store';
import './losses.css';

const REFRESH_MS = 10_000;
const PARETO_ROWS = 10;

const one = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
const catKey = (c: string): StringKey => `losses.cat.${c}` as StringKey;
const PLANNED_KINDS = new Set(['break', 'off-shift', 'maintenance']);

/**
 * A loss's reason as shown: a planned stop's kind in the UI's language, a station's name, or the
 * machine's own text; a slow cycle's reason is the machine type the station column already names.
 */
function reasonText(category: string, reason: string, t: (k: StringKey) => string, name: (id: string) => string): string {
  if (category === 'planned' && PLANNED_KINDS.has(reason)) return t(`losses.planned.${reason}` as StringKey);
  if (category === 'quality') return name(reason);
  if (category === 'slow') return '';
  return reason;
}

/** Saves a report through the bridge: the same in the Electron window and the browser. */
async function download(bridge: TwinBridge, name: string): Promise<void> {
  const file = await bridge.request('getReport', { name });
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A line's losses from the engine: now and every few seconds while shown, and at once when a replay jumps. */
function useLosses(bridge: TwinBridge, line: string | undefined, at: number | undefined): string | undefined {
  const epoch = useReplayStore((s) => s.epoch);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!line) return undefined;
    let alive = true;
    const load = (): void => {
      bridge.request('getLosses', at === undefined ? { line } : { line, at }).then(
        (v) => {
          if (!alive) return;
          setError(undefined);
          useLossesStore.getState().setView(v);
        },
        (err: Error) => alive && setError(err.message),
      );
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [bridge, line, at, epoch]);
  useEffect(() => () => useLossesStore.getState().setView(undefined), []);
  return error;
}

function useReports(bridge: TwinBridge): ReportEntry[] {
  const [reports, setReports] = useState<ReportEntry[]>([]);
  useEffect(() => {
    let alive = true;
    const load = (): void => void bridge.request('listReports', undefined).then((r) => alive && setReports(r), () => undefined);
    load();
    const timer = setInterval(load, REFRESH_MS * 3);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [bridge]);
  return reports;
}

/**
 * The Losses view of a line: the waterfall of the shift's time down to good output, the root
 * causes its losses were traced to, and the bottleneck over the shift. Live it is the current
 * shift; in replay the shift at the replay position.
 */
export function LossesPanel({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const plant = useTwinStore((s) => s.plant);
  const replaying = useReplayStore((s) => s.status !== null);
  const [line, setLine] = useState<string>();
  const lineId = line && plant?.lines.some((l) => l.id === line) ? line : plant?.lines.find((l) => l.shiftTargetUnits !== undefined)?.id ?? plant?.lines[0]?.id;
  // The shift before the one on show: "why did we miss target last night?" is asked the morning after.
  const [previousOf, setPreviousOf] = useState<number>();
  const error = useLosses(bridge, lineId, previousOf === undefined ? undefined : previousOf - 1);
  const view = useLossesStore((s) => s.view);
  const reports = useReports(bridge);
  const names = useMemo(() => new Map(plant?.lines.flatMap((l) => l.stations.map((s) => [s.id, s.name] as const)) ?? []), [plant]);
  const name = (id: string): string => names.get(id)?.[lang] ?? (plant ? bankName(id, plant, lang) : id);
  const control = useMemo(() => replayControl(bridge), [bridge]);
  const shown = view && view.line === lineId ? view : undefined;

  const pick = (row: RootCauseRow): void => {
    useTwinStore.getState().focusStation(row.station);
    if (replaying) void control.seek(row.firstStart);
  };

  const w = shown?.waterfall;
  const bars = w ? waterfallBars(w) : [];
  const banks = shown ? [...new Set(shown.bottleneck.periods.map((p) => p.bank))] : [];
  const band = shown ? bandSegments(shown.bottleneck.periods, shown.shift.start, shown.to) : [];
  const barLabel = (b: (typeof bars)[number]): string => {
    if (b.kind === 'total') return t('losses.calendar');
    if (b.kind === 'good') return t('losses.good');
    const reason = reasonText(b.category, b.reason, t, name);
    return reason ? `${t(catKey(b.category))}: ${reason}` : t(catKey(b.category));
  };
  return (
    <section className="losses-panel" data-testid="losses-panel">
      <header className="losses-head">
        <label>
          {t('losses.line')}{' '}
          <select data-testid="losses-line" value={lineId ?? ''} onChange={(e) => setLine(e.target.value)}>
            {plant?.lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name[lang]}
              </option>
            ))}
          </select>
        </label>
        {shown && <span data-testid="losses-shift">{`${t('losses.shift').replace('{id}', shown.shift.id)} · ${previousOf !== undefined ? t('losses.previous') : replaying ? t('losses.replayed') : t('losses.live')}`}</span>}
        <button type="button" data-testid="losses-previous" aria-pressed={previousOf !== undefined} disabled={!shown && previousOf === undefined} onClick={() => setPreviousOf(previousOf === undefined ? shown?.shift.start : undefined)}>
          {t('losses.previousShift')}
        </button>
      </header>
      {!shown && <p className="losses-note">{error ? t('losses.unavailable') : t('losses.loading')}</p>}
      {shown && w && (
        <>
          <p className="losses-output" data-testid="losses-output">
            {`${t('losses.outputVsTarget')}: ${w.good} / ${w.target ?? t('losses.none')}`}
            {w.expectedByNow !== null && ` · ${t('losses.expected')} ${w.expectedByNow}`}
          </p>
          <h3>{t('losses.waterfall')}</h3>
          <table className="losses-waterfall" data-testid="losses-waterfall">
            <tbody>
              {bars.map((b) => (
                <tr key={b.key} data-category={b.category}>
                  <th scope="row">{barLabel(b)}</th>
                  <td className="losses-track">
                    <span className="losses-bar" style={{ left: `${b.from * 100}%`, width: `${Math.max(b.width * 100, 0.3)}%`, background: b.kind === 'loss' ? lossColor(b.category) : '#c9ced3' }} />
                  </td>
                  <td className="n">{one(b.kind === 'loss' ? -b.units : b.units)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('losses.pareto')}</h3>
          <table className="losses-pareto" data-testid="losses-pareto">
            <thead>
              <tr>
                <th>{t('losses.station')}</th>
                <th>{t('losses.reason')}</th>
                <th className="n">{t('losses.lostUnits')}</th>
                <th className="n">{t('losses.lostMinutes')}</th>
                <th className="n">{t('losses.occurrences')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.pareto.slice(0, PARETO_ROWS).map((r) => (
                <tr key={`${r.station}:${r.category}:${r.reason}`} data-testid="losses-pareto-row" data-station={r.station} tabIndex={0} onClick={() => pick(r)} onKeyDown={(e) => e.key === 'Enter' && pick(r)}>
                  <td>{name(r.station)}</td>
                  <td>
                    <span className="losses-swatch" style={{ background: lossColor(r.category) }} />
                    {[t(catKey(r.category)), reasonText(r.category, r.reason, t, name)].filter(Boolean).join(': ')}
                    {r.ambiguous && <span title={t('losses.ambiguous')}> ≈</span>}
                  </td>
                  <td className="n">{one(r.lostUnits)}</td>
                  <td className="n">{one(r.lostMinutes)}</td>
                  <td className="n">{r.occurrences}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('losses.bottleneck')}</h3>
          <div className="losses-band" data-testid="losses-band">
            {band.map((p) => (
              <span
                key={`${p.start}:${p.bank}`}
                className={p.shifting ? 'losses-band-seg shifting' : 'losses-band-seg'}
                title={`${name(p.bank)}${p.shifting ? ` · ${t('losses.shifting')}` : ''}`}
                style={{ left: `${p.left * 100}%`, width: `${p.width * 100}%`, background: bankShade(p.bank, banks) }}
              />
            ))}
          </div>
          <p className="losses-note" data-testid="losses-main-bottleneck">
            {shown.bottleneck.main
              ? t('losses.mainBottleneck').replace('{bank}', name(shown.bottleneck.main.bank)).replace('{share}', `${Math.round(shown.bottleneck.main.share * 100)} %`)
              : t('losses.none')}
            {shown.bottleneck.shifting && ` · ${t('losses.shifting')}`}
          </p>
          {shown.dropped > 0 && <p className="losses-note status-warn">{t('losses.dropped').replace('{n}', String(shown.dropped))}</p>}
        </>
      )}
      <h3>{t('losses.reports')}</h3>
      {reports.length === 0 ? (
        <p className="losses-note">{t('losses.noReports')}</p>
      ) : (
        <ul className="losses-reports" data-testid="losses-reports">
          {reports
            .slice(-20)
            .reverse()
            .map((r) => (
              <li key={r.name}>
                <button type="button" className="losses-report-link" data-testid="losses-report" onClick={() => void download(bridge, r.name)}>
                  {r.name}
                </button>
                {r.note && ` (${t('losses.reportNote.noCjk')})`}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
