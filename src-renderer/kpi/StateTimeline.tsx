import type { StationState } from '../../src-main/shared/station-state';
import type { StateTimelineView } from '../../src-main/shared/views';
import { PRIORITY_STYLE } from '../scene/state-style';

const HOUR = 3_600_000;

/** Normal states in greys (ISA-101), abnormal ones in their indicator colours. */
const FILL: Record<StationState, string> = {
  RUNNING: '#8a9096',
  IDLE: '#5a6066',
  STARVED: PRIORITY_STYLE[3].color,
  BLOCKED: PRIORITY_STYLE[2].color,
  FAULT: PRIORITY_STYLE[1].color,
  MAINTENANCE: PRIORITY_STYLE[4].color,
  OFFLINE: '#25282b',
};
const STALE_FILL = '#1a1c1f';

export const TIMELINE_LEGEND: ReadonlyArray<{ state: StationState; fill: string }> = (Object.keys(FILL) as StationState[]).map((state) => ({ state, fill: FILL[state] }));

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
                <rect key={e.start + i} x={(x0 - from) / 1000} width={Math.max(0, (end - x0) / 1000)} y={0} height={10} fill={e.stale ? STALE_FILL : FILL[e.state]}>
                  <title>{`${stateLabel(e.state)}${e.stale ? ` (${staleLabel})` : ''} ${new Date(e.start).toLocaleTimeString()}`}</title>
                </rect>
              );
            })}
          </svg>
        </div>
      ))}
    </div>
  );
}
