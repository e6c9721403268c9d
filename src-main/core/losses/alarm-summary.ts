import type { JournalEntry } from '../alarms/alarm-journal';

/** ISA-18.2 figures of a shift for a report: how many alarms, how they were spread, who raised most. */
export interface AlarmSummary {
  /** Activations by priority 1–4. */
  byPriority: Record<1 | 2 | 3 | 4, number>;
  activations: number;
  /** Flood episodes (more than 10 alarms in 10 minutes) that began in the shift. */
  floods: number;
  chattering: number;
  /** The alarms that activated most, most first. */
  badActors: Array<{ id: string; station: string; text: string; count: number }>;
}

const BAD_ACTORS = 5;

/** The journal's entries of [from, to) for the given stations (all when none given), summed up. */
export function alarmSummary(entries: JournalEntry[], from: number, to: number, stations?: ReadonlySet<string>): AlarmSummary {
  const byPriority: AlarmSummary['byPriority'] = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const actors = new Map<string, { id: string; station: string; text: string; count: number }>();
  let activations = 0;
  let floods = 0;
  let chattering = 0;
  for (const e of entries) {
    if (e.at < from || e.at >= to) continue;
    if (e.event === 'FLOOD') floods += 1;
    if (stations && !stations.has(e.station)) continue;
    if (e.event === 'CHATTERING') chattering += 1;
    if (e.event !== 'ACTIVE') continue;
    activations += 1;
    if (e.priority === 1 || e.priority === 2 || e.priority === 3 || e.priority === 4) byPriority[e.priority] += 1;
    const actor = actors.get(e.id) ?? { id: e.id, station: e.station, text: e.text, count: 0 };
    actor.count += 1;
    actors.set(e.id, actor);
  }
  const badActors = [...actors.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, BAD_ACTORS);
  return { byPriority, activations, floods, chattering, badActors };
}
