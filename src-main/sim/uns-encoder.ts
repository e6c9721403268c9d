import { itemEventJson } from '../core/decode/item-event';
import type { PlantFile } from '../shared/plant-schema';
import type { SimRecord } from './plant-simulator';
import type { PublishTarget } from './publish-target';
import type { SessionEncoder } from './session-encoder';

const SESSION = 'uns';

/** UNS JSON (DESIGN.md telemetry contract) over one broker session. */
export class UnsEncoder implements SessionEncoder {
  readonly sessions = [SESSION];
  dropped = 0;
  private readonly prefix: string;
  private readonly lineOf = new Map<string, string>();
  /** The latest state payload per topic: changes made while offline never reached the broker's retained copy. */
  private readonly retained = new Map<string, string>();
  private target: PublishTarget | undefined;

  constructor(plant: PlantFile) {
    this.prefix = plant.uns.prefix.replace(/\/+$/, '');
    for (const line of plant.lines) for (const s of line.stations) this.lineOf.set(s.id, line.id);
  }

  will(): undefined {
    return undefined;
  }

  online(_session: string, target: PublishTarget): void {
    this.target = target;
    for (const [topic, payload] of this.retained) target.publish(topic, payload, { retain: true, qos: 0 });
  }

  offline(): void {
    this.target = undefined;
  }

  emit(r: SimRecord): void {
    if (r.kind === 'item') {
      this.send(`${this.prefix}/${r.line}/item`, itemEventJson(r), false);
      return;
    }
    const base = `${this.prefix}/${this.lineOf.get(r.station) ?? ''}/${r.station}`;
    switch (r.kind) {
      case 'state': {
        const topic = `${base}/state`;
        this.retained.set(topic, JSON.stringify({ ts: r.ts, state: r.state, ...(r.reason ? { reason: r.reason } : {}) }));
        this.publish(topic, this.retained.get(topic) as string, true);
        return;
      }
      case 'metrics':
        return this.send(`${base}/metrics`, { ts: r.ts, values: r.values }, false);
      case 'count':
        return this.send(`${base}/count`, { ts: r.ts, good: r.good, reject: r.reject }, false);
      case 'alarm':
        return this.send(`${base}/alarm`, { ts: r.ts, id: r.id, active: r.active, priority: r.priority, ...(r.text ? { text: r.text } : {}) }, false);
    }
  }

  private send(topic: string, body: object, retain: boolean): void {
    this.publish(topic, JSON.stringify(body), retain);
  }

  private publish(topic: string, payload: string, retain: boolean): void {
    if (this.target) this.target.publish(topic, payload, { retain, qos: 0 });
    else this.dropped += 1;
  }
}
