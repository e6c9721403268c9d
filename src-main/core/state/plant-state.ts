import type { PlantFile, StationSpec } from '../../shared/plant-schema';
import type { TelemetryEvent } from '../../shared/telemetry';
import type { ItemEventKind } from '../../shared/trace';
import type { StationView } from '../../shared/views';

interface StationRecord {
  spec: StationSpec;
  line: string;
  view: StationView;
  /** Last raw totals from the machine, to tell output from a counter reset. */
  rawGood: number | undefined;
  rawReject: number | undefined;
  /** Keys in view.metrics, kept so the bound check is not a key count per message. */
  metricCount: number;
  /** Items at the station now (entered, not yet left), bounded by MAX_ITEMS_PER_STATION. */
  items: Set<string>;
}

const MAX_METRICS_PER_STATION = 64;
const MAX_ITEMS_PER_STATION = 500;

/** The plant state's part of an engine keyframe: each station's view and what its next message is judged against. */
export interface PlantStateKeyframe {
  stations: Record<string, { view: StationView; rawGood: number | null; rawReject: number | null; items: string[] }>;
  droppedItems: number;
  droppedMetrics: number;
}

export interface CountDelta {
  station: string;
  line: string;
  ts: number;
  good: number;
  reject: number;
}

/**
 * Plant state from telemetry events: per station state and since, metrics, good/reject totals
 * that survive counter resets, and whether its data is stale (decided by the engine). Marks
 * what changed so the publisher sends only that.
 */
export class PlantState {
  private readonly stations = new Map<string, StationRecord>();
  private readonly dirty = new Set<string>();
  private readonly countListeners: Array<(d: CountDelta) => void> = [];
  droppedItems = 0;
  droppedMetrics = 0;

  constructor(readonly plant: PlantFile) {
    for (const line of plant.lines) {
      for (const spec of line.stations) {
        this.stations.set(spec.id, {
          spec,
          line: line.id,
          view: { state: 'OFFLINE', since: 0, stale: true, metrics: {}, good: 0, reject: 0, lastUpdate: 0 },
          rawGood: undefined,
          rawReject: undefined,
          metricCount: 0,
          items: new Set(),
        });
      }
    }
  }

  onCount(listener: (d: CountDelta) => void): void {
    this.countListeners.push(listener);
  }

  /** Applies one event; returns false when it names a station the plant does not have. */
  apply(event: TelemetryEvent, now: number): boolean {
    const rec = this.stations.get(event.station);
    if (!rec) return false;
    const view = rec.view;
    if (event.kind !== 'stale') {
      view.lastUpdate = now;
      if (view.stale) {
        view.stale = false;
      }
    }
    switch (event.kind) {
      case 'state':
        if (view.state !== event.state) {
          view.state = event.state;
          view.since = event.ts;
        }
        view.reason = event.reason;
        break;
      case 'metrics':
        for (const k in event.values) {
          if (k in view.metrics) view.metrics[k] = event.values[k] as number;
          else if (rec.metricCount < MAX_METRICS_PER_STATION) {
            view.metrics[k] = event.values[k] as number;
            rec.metricCount += 1;
          } else this.droppedMetrics += 1;
        }
        break;
      case 'count':
        this.applyCount(rec, event.good, event.reject, event.ts);
        break;
      case 'item':
        this.applyItem(rec, event.item, event.event);
        break;
      case 'stale':
        view.stale = true;
        view.reason = event.reason;
        break;
      case 'alarm':
        break;
    }
    this.dirty.add(event.station);
    return true;
  }

  /**
   * The station's data is too old: the engine's StalenessTracker decides when, on pipeline
   * time, so the view goes stale at the moment the comm-loss alarm and the KPIs do.
   */
  markStale(id: string): void {
    const rec = this.stations.get(id);
    if (!rec || rec.view.stale) return;
    rec.view.stale = true;
    this.dirty.add(id);
  }

  /** Every station stale at once: the broker connection is gone. */
  markAllStale(reason: string): void {
    for (const [id, rec] of this.stations) {
      if (!rec.view.stale) {
        rec.view.stale = true;
        rec.view.reason = reason;
        this.dirty.add(id);
      }
    }
  }

  keyframe(): PlantStateKeyframe {
    const stations: PlantStateKeyframe['stations'] = {};
    for (const [id, rec] of this.stations) stations[id] = { view: structuredClone(rec.view), rawGood: rec.rawGood ?? null, rawReject: rec.rawReject ?? null, items: [...rec.items] };
    return { stations, droppedItems: this.droppedItems, droppedMetrics: this.droppedMetrics };
  }

  /** Back to a keyframe's views; every station goes out in the next frame. */
  restore(kf: PlantStateKeyframe): void {
    for (const [id, rec] of this.stations) {
      const k = kf.stations[id];
      if (!k) continue;
      rec.view = structuredClone(k.view);
      rec.rawGood = k.rawGood ?? undefined;
      rec.rawReject = k.rawReject ?? undefined;
      rec.metricCount = Object.keys(rec.view.metrics).length;
      rec.items = new Set(k.items.slice(0, MAX_ITEMS_PER_STATION));
      this.dirty.add(id);
    }
    this.droppedItems = kf.droppedItems;
    this.droppedMetrics = kf.droppedMetrics;
  }

  station(id: string): StationView | undefined {
    return this.stations.get(id)?.view;
  }

  wip(id: string): number {
    return this.stations.get(id)?.items.size ?? 0;
  }

  views(): Record<string, StationView> {
    const out: Record<string, StationView> = {};
    for (const [id, rec] of this.stations) out[id] = rec.view;
    return out;
  }

  /** The stations changed since the last call, and forgets them. */
  takeDirty(): string[] {
    const ids = [...this.dirty];
    this.dirty.clear();
    return ids;
  }

  private applyCount(rec: StationRecord, good: number, reject: number, ts: number): void {
    const dGood = rec.rawGood === undefined ? 0 : good >= rec.rawGood ? good - rec.rawGood : good;
    const dReject = rec.rawReject === undefined ? 0 : reject >= rec.rawReject ? reject - rec.rawReject : reject;
    if (rec.rawGood === undefined) {
      rec.view.good = good;
      rec.view.reject = reject;
    } else {
      rec.view.good += dGood;
      rec.view.reject += dReject;
    }
    rec.rawGood = good;
    rec.rawReject = reject;
    if (dGood > 0 || dReject > 0) {
      for (const l of this.countListeners) l({ station: rec.spec.id, line: rec.line, ts, good: dGood, reject: dReject });
    }
  }

  /** Only where an item is moves WIP; genealogy (produce, consume, test, store) does not. */
  private applyItem(rec: StationRecord, item: string, event: ItemEventKind): void {
    if (event === 'enter') {
      if (rec.items.size >= MAX_ITEMS_PER_STATION) {
        this.droppedItems += 1;
        return;
      }
      rec.items.add(item);
    } else if (event === 'leave' || event === 'scrap') {
      rec.items.delete(item);
    }
    rec.view.wip = rec.items.size;
  }
}
