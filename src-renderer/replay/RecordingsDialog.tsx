import { useEffect, useMemo, useRef, useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { RecordingEntry } from '../../src-main/shared/replay';
import { formatMessage } from '../connections/profile-form';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { replayControl } from './replay-control';
import { exportDownloadUrl, exportRange, formatBytes, formatSpan, groupRecordings, shortStamp } from './replay-format';
import { useReplayStore } from './replay-store';
import { usePlantTimeZone } from '../i18n/plant-time';

/** How a session's source reads in the list; `sim` is the simulator's own recording, shown as the demo. */
const SOURCE_KEYS = { live: 'source.live', demo: 'source.demo', sim: 'source.demo', replay: 'source.replay' } as const;

const EXPORT_WHAT = { loop: 'replay.exportLoop', view: 'replay.exportView', whole: 'replay.exportWhole' } as const;

/**
 * Export of the recording open now: the loop range if one is set, else the range the timeline
 * shows. In the browser the host's download writes the file and sends it; in Electron the file
 * is written under the data folder and its path shown.
 */
function ExportSection({ bridge, fail }: { bridge: TwinBridge; fail(err: unknown): void }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const status = useReplayStore((s) => s.status);
  const view = useReplayStore((s) => s.view);
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!status) return null;
  const range = exportRange(status, view);
  const what = formatMessage(t(EXPORT_WHAT[range.what]), { from: shortStamp(range.from, lang, timeZone), to: shortStamp(range.to, lang, timeZone) });
  const run = (): void => {
    setBusy(true);
    bridge.request('exportRecording', { from: range.from, to: range.to }).then(
      (r) => {
        setBusy(false);
        setDone(r.path);
      },
      (err: unknown) => {
        setBusy(false);
        fail(err);
      },
    );
  };
  return (
    <section className="replay-export">
      <h3>{t('replay.export')}</h3>
      <p>
        {what}{' '}
        {bridge.transport === 'websocket' ? (
          <a href={exportDownloadUrl(range)} download data-testid="recording-download">
            {t('replay.download')}
          </a>
        ) : (
          <button type="button" data-testid="recording-export" disabled={busy} onClick={run}>
            {t('replay.exportRun')}
          </button>
        )}
      </p>
      {done && <p data-testid="recording-exported">{formatMessage(t('replay.exported'), { path: done })}</p>}
    </section>
  );
}

/** Electron: a file or session folder anywhere on this machine, by its path. */
function OpenByPath({ onOpen }: { onOpen(path: string): void }) {
  const t = useT();
  const [path, setPath] = useState('');
  return (
    <form
      className="replay-open-path"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) onOpen(path.trim());
      }}
    >
      <h3>{t('replay.openPath')}</h3>
      <input data-testid="recording-path" aria-label={t('replay.path')} placeholder={t('replay.path')} value={path} onChange={(e) => setPath(e.target.value)} />
      <button type="submit" disabled={!path.trim()}>
        {t('replay.open')}
      </button>
    </form>
  );
}

/** The flight-recorder sessions by plant and time span; open one into replay; export a range of the one open. */
export function RecordingsDialog({ bridge, onClose }: { bridge: TwinBridge; onClose(): void }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const openPath = useReplayStore((s) => s.status?.path);
  const control = useMemo(() => replayControl(bridge), [bridge]);
  const ref = useRef<HTMLDialogElement>(null);
  const [list, setList] = useState<RecordingEntry[]>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fail = (err: unknown): void => setFailure((err as Error).message);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    bridge.request('listRecordings', undefined).then(
      (l) => setList(l ?? []),
      (err: unknown) => setFailure((err as Error).message),
    );
  }, [bridge]);
  const groups = useMemo(() => groupRecordings(list ?? [], lang), [list, lang]);
  const units = { h: t('replay.unit.h'), min: t('replay.unit.min'), s: t('replay.unit.s') };
  const open = (path: string): void => {
    setBusy(true);
    setFailure(undefined);
    control.open(path).then(
      () => ref.current?.close(),
      (err: unknown) => {
        setBusy(false);
        fail(err);
      },
    );
  };
  return (
    <dialog ref={ref} className="replay-dialog recordings-dialog" data-testid="recordings-dialog" aria-labelledby="recordings-title" onClose={onClose} onKeyDown={(e) => e.stopPropagation()}>
      <header className="replay-dialog-head">
        <h2 id="recordings-title">{t('replay.recordingsTitle')}</h2>
        <button type="button" data-testid="recordings-close" aria-label={t('replay.close')} onClick={() => ref.current?.close()}>
          ✕
        </button>
      </header>
      {failure && (
        <p className="replay-warning" role="alert" data-testid="recordings-failure">
          {formatMessage(t('replay.failed'), { problem: failure })}
        </p>
      )}
      {list && groups.length === 0 && <p className="replay-muted">{t('replay.none')}</p>}
      {groups.map((g) => (
        <section key={g.plantId} className="recordings-group" data-plant={g.plantId}>
          <h3>
            {g.plantName}
            <span className="replay-muted">{` · ${shortStamp(g.start, lang, timeZone)} – ${shortStamp(g.end, lang, timeZone)} · ${formatBytes(g.bytes)}`}</span>
          </h3>
          <table className="recordings-table">
            <thead>
              <tr>
                <th>{t('replay.col.start')}</th>
                <th>{t('replay.col.end')}</th>
                <th>{t('replay.col.duration')}</th>
                <th>{t('replay.col.size')}</th>
                <th>{t('replay.col.source')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {g.entries.map((e) => (
                <tr key={e.path} data-testid="recording-row" data-path={e.path} title={e.path}>
                  <td>{shortStamp(e.start, lang, timeZone)}</td>
                  <td>{shortStamp(e.end, lang, timeZone)}</td>
                  <td>{formatSpan(e.end - e.start, units)}</td>
                  <td>{formatBytes(e.bytes)}</td>
                  <td>{e.source in SOURCE_KEYS ? t(SOURCE_KEYS[e.source as keyof typeof SOURCE_KEYS]) : e.source}</td>
                  <td>
                    {e.path === openPath ? (
                      <span className="replay-muted">{t('replay.opened')}</span>
                    ) : (
                      <button type="button" data-testid="recording-open" disabled={busy} onClick={() => open(e.path)}>
                        {t('replay.open')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {bridge.transport === 'electron' && <OpenByPath onOpen={open} />}
      <ExportSection bridge={bridge} fail={fail} />
    </dialog>
  );
}


/** The top bar's way into the recordings, and the badge that says a recording is shown. */
export function RecordingsButton({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const status = useReplayStore((s) => s.status);
  const [open, setOpen] = useState(false);
  return (
    <>
      {status && (
        <span className="replay-badge" data-testid="replay-badge" title={`${t('replay.badgeTitle')}\n${status.path}`}>
          {t('replay.badge')}
          <small>{`${shortStamp(status.start, lang, timeZone)} – ${shortStamp(status.end, lang, timeZone)}`}</small>
        </span>
      )}
      <button type="button" data-testid="recordings-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('replay.recordings')}
      </button>
      {open && <RecordingsDialog bridge={bridge} onClose={() => setOpen(false)} />}
    </>
  );
}
