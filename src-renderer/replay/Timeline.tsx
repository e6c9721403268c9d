import { useEffect, useMemo, useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { Bookmark, ReplayStatus } from '../../src-main/shared/replay';
import { formatMessage } from '../connections/profile-form';
import { useT } from '../i18n/use-t';
import { usePanelTick, useTwinStore } from '../store/twin-store';
import { BookmarkDialog } from './BookmarkDialog';
import { replayControl, type ReplayControl } from './replay-control';
import { formatBytes, readout, shortStamp, speedLabel } from './replay-format';
import { replayKeyAction, STEP_MS } from './replay-keys';
import { latestClock, latestReplay, useReplayStore } from './replay-store';
import { Scrubber } from './Scrubber';
import { adjacentMarker, markerTimes, SPEEDS, stepSpeed, type MarkerKind } from './timeline-math';
import './replay.css';
import { usePlantTimeZone } from '../i18n/plant-time';

const OVERVIEW_POLL_MS = 1000;

/** The flight recorder's state from health: recording, stopped by an error (the host retries), or not running. */
function RecIndicator() {
  usePanelTick();
  const t = useT();
  const rec = useTwinStore.getState().health?.recorder;
  const state = rec?.error ? 'error' : rec?.on ? 'on' : 'off';
  const label = rec?.error ? formatMessage(t('replay.recError'), { error: rec.error }) : rec?.on ? `${t('replay.rec')} · ${formatBytes(rec.bytes)}` : t('replay.recOff');
  // Every drop is shown: messages the recorder could not keep up with are missing from the recording.
  const dropped = rec?.droppedMessages ? ` · ${rec.droppedMessages} ${t('dropped')}` : '';
  const title = rec
    ? formatMessage(t('replay.recTitle'), { bytes: formatBytes(rec.bytes), segments: String(rec.segments), deleted: String(rec.deletedSegments), dropped: String(rec.droppedMessages) })
    : t('replay.recOff');
  return (
    <span className={`rec rec-${state}`} data-testid="rec-indicator" data-state={state} title={title}>
      <i aria-hidden="true" />
      {label}
      {dropped && <span className="status-warn">{dropped}</span>}
    </span>
  );
}

function ReplayControls({ status, control, onBookmark, fail }: { status: ReplayStatus; control: ReplayControl; onBookmark(): void; fail(err: unknown): void }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const overview = useReplayStore((s) => s.overview);
  const run = (p: Promise<unknown>): void => void p.catch(fail);
  const jump = (kind: MarkerKind, dir: 1 | -1): void => {
    const to = adjacentMarker(markerTimes(overview, kind), status.position, dir);
    if (to !== undefined) run(control.seek(to));
  };
  const { time, date } = readout(status.position, lang, timeZone);
  return (
    <div className="timeline-controls">
      <div className="timeline-buttons">
        <button type="button" data-testid="replay-prev-alarm" title={`${t('replay.prevAlarm')} ([)`} onClick={() => jump('alarm', -1)}>
          ⇤⚠
        </button>
        <button type="button" data-testid="replay-prev-bookmark" title={`${t('replay.prevBookmark')} ({)`} onClick={() => jump('bookmark', -1)}>
          ⇤▼
        </button>
        <button
          type="button"
          className="timeline-play"
          data-testid="replay-play"
          data-playing={status.playing}
          title={`${status.playing ? t('replay.pause') : t('replay.play')} (Space)`}
          aria-label={status.playing ? t('replay.pause') : t('replay.play')}
          onClick={() => run(status.playing ? control.pause() : control.play(status.speed))}
        >
          {status.playing ? '❚❚' : '▶'}
        </button>
        <button type="button" data-testid="replay-step" title={`${t('replay.step')} (.)`} onClick={() => run(control.step(STEP_MS))}>
          ▶❙
        </button>
        <button type="button" data-testid="replay-next-bookmark" title={`${t('replay.nextBookmark')} (})`} onClick={() => jump('bookmark', 1)}>
          ▼⇥
        </button>
        <button type="button" data-testid="replay-next-alarm" title={`${t('replay.nextAlarm')} (])`} onClick={() => jump('alarm', 1)}>
          ⚠⇥
        </button>
        <span className="timeline-speeds" role="group" aria-label={t('replay.speed')}>
          {SPEEDS.map((s) => (
            <button key={String(s)} type="button" data-testid={`replay-speed-${s}`} aria-pressed={status.speed === s} onClick={() => run(control.play(s))}>
              {speedLabel(s, t('replay.max'))}
            </button>
          ))}
        </span>
        {status.loop ? (
          <button type="button" data-testid="replay-loop-off" className="timeline-loop" onClick={() => run(control.loop(undefined))}>
            {formatMessage(t('replay.loop'), { from: shortStamp(status.loop.from, lang, timeZone), to: shortStamp(status.loop.to, lang, timeZone) })} ✕
          </button>
        ) : (
          <span className="timeline-hint">{t('replay.loopHint')}</span>
        )}
        {status.buffering && (
          <span className="timeline-buffering" data-testid="replay-buffering">
            {t('replay.buffering')}
          </span>
        )}
        {status.notices.map((n) => (
          <span key={n} className="status-warn" data-testid="replay-notice" title={t('replay.notices')}>
            ⚠ {n}
          </span>
        ))}
      </div>
      <div className="timeline-readout" data-testid="replay-time" data-t={Math.round(status.position)} title={t('replay.keys')}>
        <span className="timeline-clock">{time}</span>
        <span className="timeline-date">{date}</span>
      </div>
      <button type="button" className="timeline-bookmark" data-testid="bookmark-button" title={t('replay.bookmarkKey')} onClick={onBookmark}>
        ▼ {t('replay.bookmark')}
      </button>
      <button type="button" className="timeline-golive" data-testid="go-live" onClick={() => run(control.goLive())}>
        ● {t('replay.goLive')}
      </button>
    </div>
  );
}

/** Live: the last bookmark set, so whoever pressed B sees it was kept (they are browsed in replay). */
function LastLiveBookmark() {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const list = useReplayStore((s) => s.liveBookmarks);
  const last = list.reduce<Bookmark | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
  if (!last) return null;
  return (
    <span className="timeline-hint" data-testid="live-bookmark" title={list.length > 1 ? `${t('replay.bookmarks')}: ${list.length}` : undefined}>
      {`▼ ${shortStamp(last.at, lang, timeZone)} · ${last.note || '—'}`}
    </span>
  );
}

/**
 * The bottom bar. Live: the recorder's state and the bookmark button. Replay: the controls, the
 * scrubber over the whole recording and a time readout large enough for a wall display.
 */
export function Timeline({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const status = useReplayStore((s) => s.status);
  const overview = useReplayStore((s) => s.overview);
  const control = useMemo(() => replayControl(bridge), [bridge]);
  const [bookmarkAt, setBookmarkAt] = useState<number>();
  const [failure, setFailure] = useState<string>();
  const fail = (err: unknown): void => setFailure((err as Error).message);
  const path = status?.path;

  useEffect(() => {
    setFailure(undefined);
    control.loadMarkers().catch((err: unknown) => setFailure((err as Error).message));
  }, [control, path]);

  // The host computes the overview in a fast pass after opening; until it is whole, ask again.
  useEffect(() => {
    if (!overview?.partial) return;
    const timer = setTimeout(() => control.loadMarkers().catch((err: unknown) => setFailure((err as Error).message)), OVERVIEW_POLL_MS);
    return () => clearTimeout(timer);
  }, [control, overview]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target instanceof HTMLElement ? e.target : undefined;
      const replay = latestReplay();
      const action = replayKeyAction({ key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: target?.tagName, targetEditable: target?.isContentEditable }, replay !== null);
      if (!action) return;
      // Space would also press the focused button: the key acts once, here.
      e.preventDefault();
      const run = (p: Promise<unknown>): void => void p.catch((err: unknown) => setFailure((err as Error).message));
      if (action.kind === 'bookmark') setBookmarkAt(replay ? replay.position : latestClock());
      else if (!replay) return;
      else if (action.kind === 'playPause') run(replay.playing ? control.pause() : control.play(replay.speed));
      else if (action.kind === 'step') run(control.step(action.ms));
      else if (action.kind === 'speed') run(control.play(stepSpeed(replay.speed, action.dir)));
      else {
        const to = adjacentMarker(markerTimes(useReplayStore.getState().overview, action.marker), replay.position, action.dir);
        if (to !== undefined) run(control.seek(to));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [control]);

  const openBookmark = (): void => {
    const replay = latestReplay();
    setBookmarkAt(replay ? replay.position : latestClock());
  };

  return (
    <section className={`timeline timeline-${status ? 'replay' : 'live'}`} data-testid="timeline" data-mode={status ? 'replay' : 'live'}>
      {status ? (
        <>
          <ReplayControls status={status} control={control} onBookmark={openBookmark} fail={fail} />
          <Scrubber status={status} overview={overview} onSeek={(to) => void control.seek(to).catch(fail)} onLoop={(range) => void control.loop(range).catch(fail)} />
        </>
      ) : (
        <div className="timeline-controls">
          <RecIndicator />
          <button type="button" className="timeline-bookmark" data-testid="bookmark-button" title={t('replay.bookmarkKey')} onClick={openBookmark}>
            ▼ {t('replay.bookmark')}
          </button>
          <LastLiveBookmark />
        </div>
      )}
      {failure && (
        <p className="replay-warning" role="alert" data-testid="timeline-failure">
          {formatMessage(t('replay.failed'), { problem: failure })}
        </p>
      )}
      {bookmarkAt !== undefined && (
        <BookmarkDialog
          at={bookmarkAt}
          // Live, the host stamps the bookmark with its own clock; in replay it belongs at the position seen.
          onSave={(note) => control.addBookmark(note, status ? bookmarkAt : undefined)}
          onClose={() => setBookmarkAt(undefined)}
        />
      )}
    </section>
  );
}
