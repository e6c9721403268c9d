import type { PlantFile } from '../../shared/plant-schema';

export type UnsChannel = 'state' | 'metrics' | 'count' | 'alarm';

export type TopicRoute =
  | { format: 'uns'; channel: UnsChannel; line: string; station: string }
  | { format: 'uns-item'; line: string }
  | { format: 'mapped'; station: string };

/**
 * Resolves a topic to the station it addresses, from the plant file alone. Built once per
 * plant; lookups are one Map read so the hot path stays cheap.
 */
export class TopicIndex {
  private readonly routes = new Map<string, TopicRoute>();
  readonly subscriptions: string[];

  constructor(plant: PlantFile) {
    const prefix = plant.uns.prefix.replace(/\/+$/, '');
    const mappedTopics: string[] = [];
    for (const line of plant.lines) {
      this.routes.set(`${prefix}/${line.id}/item`, { format: 'uns-item', line: line.id });
      for (const station of line.stations) {
        for (const channel of ['state', 'metrics', 'count', 'alarm'] as const) {
          this.routes.set(`${prefix}/${line.id}/${station.id}/${channel}`, { format: 'uns', channel, line: line.id, station: station.id });
        }
        if (station.mapped) {
          this.routes.set(station.mapped.topic, { format: 'mapped', station: station.id });
          mappedTopics.push(station.mapped.topic);
        }
      }
    }
    this.subscriptions = [`${prefix}/#`, ...(plant.sparkplug ? [`spBv1.0/${plant.sparkplug.groupId}/#`] : []), ...mappedTopics];
  }

  resolve(topic: string): TopicRoute | undefined {
    return this.routes.get(topic);
  }
}
