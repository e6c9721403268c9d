import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { ReplayOverview, ReplayStatus } from '../../src-main/shared/replay';
import { PriorityIcon } from '../alarms/PriorityIcon';
import { formatMessage } from '../connections/profile-form';
import { useT } from '../i18n/use-t';
import { timeTickLabels } from '../kpi/chart-format';
import { useTwinStore } from '../store/twin-store';
import { shortStamp } from './replay-format';
import { useReplayStore } from './replay-store';
import { axisTicks, BAND_FILL, clusterAlarms, followView, isZoomed, layoutBands, loopFromDrag, sortBookmarks, timeToX, xToTime, zoomView, type Scale } from './timeline-math';
import { usePlantTimeZone } from '../i18n/plant-time';

type Drag = { kind: 'seek'; t: number } | { kind: 'range'; anchor: number; t: number } | { kind: 'handle'; end: 'from' | 'to'; t: number };

/** Minutes east of UTC of the display, for ticks on whole local hours. */
const utcOffsetMin = (t: number): number => -new Date(t).getTimezoneOffset();

/**
 * The whole recording (or the part zoomed into with the wheel): one state band per line, alarm
 * markers by priority, bookmarks, the loop range and the playhead. Click seeks; Shift+drag sets a
 * loop; the loop's handles move its ends.
 */
export function Scrubber({
  status,
  overview,
  onSeek,
  onLoop,
}: {
  status: ReplayStatus;
  overview: ReplayOverview | undefined;
  onSeek(t: number): void;
  onLoop(range: { from: number; to: number }): void;
}) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const plant = useTwinStore((s) => s.plant);
  const track = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<Drag>();
  useEffect(() => {
    const el = track.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  const view = useReplayStore((s) => s.view);
  const setView = useReplayStore((s) => s.setView);
  const bounds = useMemo(() => ({ from: overview?.start ?? status.start, to: overview?.end ?? status.end }), [overview, status.start, status.end]);
  const zoomed = isZoomed(view, bounds);
  const scale: Scale = useMemo(() => ({ ...(zoomed ? view : bounds), width }), [zoomed, view, bounds, width]);
  useEffect(() => {
    if (zoomed && status.playing) {
      const next = followView(view, status.position, bounds);
      if (next !== view) setView(next);
    }
  }, [zoomed, view, status.playing, status.position, bounds, setView]);
  const lines = useMemo(() => plant?.lines.map((l) => ({ id: l.id, name: l.name[lang] })) ?? [], [plant, lang]);
  const bands = useMemo(() => new Map(lines.map((l) => [l.id, layoutBands(overview?.lines[l.id] ?? [], scale)])), [overview, scale, lines]);
  const alarms = useMemo(() => clusterAlarms(overview?.alarms ?? [], scale), [overview, scale]);
  const bookmarks = useMemo(() => sortBookmarks(overview?.bookmarks ?? []), [overview]);
  const ticks = useMemo(() => axisTicks(scale, 90, utcOffsetMin(scale.from)), [scale]);
  const tickLabels = useMemo(() => timeTickLabels(ticks, lang, timeZone), [ticks, lang, timeZone]);
  const stationName = (id: string): string => plant?.lines.flatMap((l) => l.stations).find((s) => s.id === id)?.name[lang] ?? id;

  const timeAt = (e: { clientX: number }): number => {
    const rect = track.current?.getBoundingClientRect();
    return xToTime(scale, rect ? e.clientX - rect.left : 0);
  };
  const onDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const handle = (e.target as HTMLElement).dataset.handle;
    const markerT = (e.target as HTMLElement).closest<HTMLElement>('[data-t]')?.dataset.t;
    const at = markerT !== undefined ? Number(markerT) : timeAt(e);
    if ((handle === 'from' || handle === 'to') && status.loop) setDrag({ kind: 'handle', end: handle, t: status.loop[handle] });
    else if (e.shiftKey) setDrag({ kind: 'range', anchor: at, t: at });
    else setDrag({ kind: 'seek', t: at });
  };
  const onMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (drag) setDrag({ ...drag, t: timeAt(e) });
  };
  const onUp = (): void => {
    if (!drag) return;
    setDrag(undefined);
    if (drag.kind === 'seek') onSeek(drag.t);
    else if (drag.kind === 'range') {
      const range = loopFromDrag(drag.anchor, drag.t);
      if (range) onLoop(range);
      else onSeek(drag.t);
    } else if (status.loop) {
      const other = drag.end === 'from' ? status.loop.to : status.loop.from;
      const range = loopFromDrag(other, drag.t);
      if (range) onLoop(range);
    }
  };

  const loop = drag?.kind === 'range' ? loopFromDrag(drag.anchor, drag.t) : drag?.kind === 'handle' && status.loop ? loopFromDrag(drag.end === 'from' ? status.loop.to : status.loop.from, drag.t) : status.loop;
  const playhead = drag?.kind === 'seek' ? drag.t : status.position;

  return (
    <div className="scrub" data-testid="scrubber">
      <div className="scrub-labels" aria-hidden="true">
        {lines.map((l) => (
          <div key={l.id} className="scrub-label">
            {l.name}
          </div>
        ))}
        <div className="scrub-label scrub-markers-label">{t('replay.alarms')}</div>
        <div className="scrub-label scrub-markers-label">{t('replay.bookmarks')}</div>
        <div className="scrub-label scrub-axis-label">
          {zoomed && (
            <button type="button" className="link" data-testid="scrub-zoom-all" onClick={() => setView(undefined)}>
              ↔ {t('replay.zoomAll')}
            </button>
          )}
        </div>
      </div>
      <div
        ref={track}
        className="scrub-track"
        data-testid="scrubber-track"
        data-from={scale.from}
        data-to={scale.to}
        role="slider"
        tabIndex={-1}
        aria-label={t('replay.scrubber')}
        aria-valuemin={scale.from}
        aria-valuemax={scale.to}
        aria-valuenow={Math.round(playhead)}
        aria-valuetext={shortStamp(playhead, lang, timeZone)}
        title={`${t('replay.loopHint')}\n${t('replay.zoomHint')}`}
        data-zoomed={zoomed}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={() => setDrag(undefined)}
        onWheel={(e) => {
          if (e.deltaY === 0) return;
          const next = zoomView(scale, timeAt(e), e.deltaY > 0 ? 1.25 : 0.8, bounds);
          setView(isZoomed(next, bounds) ? next : undefined);
        }}
      >
        {lines.map((l) => (
          <div key={l.id} className="scrub-row" data-testid="scrub-line" data-line={l.id}>
            {bands.get(l.id)?.map((b) => (
              <i key={b.x} className="scrub-band" data-band={b.band} style={{ left: b.x, width: b.w, background: BAND_FILL[b.band] }} title={t(`replay.band.${b.band}`)} />
            ))}
          </div>
        ))}
        <div className="scrub-row scrub-markers">
          {alarms.map((a) => (
            <span key={`${a.x}:${a.t}`} className="scrub-alarm" data-testid="alarm-marker" data-t={a.t} data-priority={a.priority} style={{ left: a.x }}>
              <PriorityIcon
                priority={a.priority}
                title={
                  a.count > 1
                    ? formatMessage(t('replay.alarmCluster'), { count: String(a.count), priority: String(a.priority), time: shortStamp(a.t, lang, timeZone) })
                    : formatMessage(t('replay.alarmMarker'), { priority: String(a.priority), station: stationName(a.station), time: shortStamp(a.t, lang, timeZone) })
                }
              />
              {a.count > 1 && <b className="scrub-count">{a.count}</b>}
            </span>
          ))}
        </div>
        <div className="scrub-row scrub-markers">
          {bookmarks.filter((b) => b.at >= scale.from && b.at <= scale.to).map((b) => (
            <span key={b.id} className="scrub-bookmark" data-testid="bookmark-marker" data-id={b.id} data-t={b.at} style={{ left: timeToX(scale, b.at) }} title={`${shortStamp(b.at, lang, timeZone)} · ${b.by}\n${b.note}`}>
              ▼
            </span>
          ))}
        </div>
        <div className="scrub-axis">
          {ticks.map((tick, i) => (
            <span key={tick} style={{ left: timeToX(scale, tick) }}>
              {tickLabels[i]?.split('\n')[0]}
            </span>
          ))}
        </div>
        {loop && (
          <div className="scrub-loop" data-testid="scrub-loop" style={{ left: timeToX(scale, loop.from), width: timeToX(scale, loop.to) - timeToX(scale, loop.from) }}>
            <i className="scrub-handle" data-handle="from" title={t('replay.loopStart')} />
            <i className="scrub-handle scrub-handle-to" data-handle="to" title={t('replay.loopEnd')} />
          </div>
        )}
        <div className="scrub-playhead" data-testid="playhead" data-t={Math.round(playhead)} style={{ left: timeToX(scale, playhead) }} />
      </div>
    </div>
  );
}
