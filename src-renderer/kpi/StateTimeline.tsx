import type { StationState } from '../../src-main/shared/station-state';
import type { StateTimelineView } from '../../src-main/shared/views';
import { NORMAL_GREY, OFFLINE_GREY, STALE_GREY, STATE_STYLE } from '../scene/state-style';
import { plantClock, usePlantTimeZone } from '../i18n/plant-time';
import { useTwinStore } from '../store/twin-store';

const HOUR = 3_600_000;
/** Idle is normal too, so a grey (ISA-101), a shade darker than running so that the bar tells them apart. */
const IDLE_GREY = '#5a6066';

/** Each state as the 3D view draws it: greys for normal, the state colours (never an alarm's) for the rest. */
export const TIMELINE_FILL: Readonly<Record<StationState, string>> = {
  RUNNING: NORMAL_GREY,
  IDLE: IDLE_GREY,
  STARVED: STATE_STYLE.STARVED.color,
  BLOCKED: STATE_STYLE.BLOCKED.color,
  FAULT: STATE_STYLE.FAULT.color,
  MAINTENANCE: STATE_STYLE.MAINTENANCE.color,
  OFFLINE: OFFLINE_GREY,
};
export const TIMELINE_STALE_FILL = STALE_GREY;

export const TIMELINE_LEGEND: ReadonlyArray<{ state: StationState; fill: string }> = (Object.keys(TIMELINE_FILL) as StationState[]).map((state) => ({ state, fill: TIMELINE_FILL[state] }));

/** One bar per station: which state it was in when, over the last hour. */
export function StateTimeline({
  timeline,
  names,
  stateLabel,
  staleLabel,
  bottleneck,
}: {
  timeline: StateTimelineView;
  names: ReadonlyMap<string, string>;
  stateLabel: (s: StationState) => string;
  staleLabel: string;
  bottleneck?: string;
}) {
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const to = timeline.now;
  const from = to - HOUR;
  return (
    <div className="state-timeline" data-testid="state-timeline">
      {Object.entries(timeline.stations).map(([id, entries]) => (
        <div key={id} className={`timeline-row${id === bottleneck ? ' timeline-bottleneck' : ''}`}>
          <span className="timeline-name" title={id}>
            {names.get(id) ?? id}
          </span>
          <svg viewBox={`0 0 ${HOUR / 1000} 10`} preserveAspectRatio="none" className="timeline-bar">
            {entries.map((e, i) => {
              const end = entries[i + 1]?.start ?? to;
              if (end <= from) return null;
              const x0 = Math.max(e.start, from);
              return (
                <rect key={e.start + i} x={(x0 - from) / 1000} width={Math.max(0, (end - x0) / 1000)} y={0} height={10} fill={e.stale ? TIMELINE_STALE_FILL : TIMELINE_FILL[e.state]}>
                  <title>{`${stateLabel(e.state)}${e.stale ? ` (${staleLabel})` : ''} ${plantClock(e.start, lang, timeZone)}`}</title>
                </rect>
              );
            })}
          </svg>
        </div>
      ))}
    </div>
  );
}
