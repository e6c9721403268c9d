import type { ManualClock } from '../clock';
import type { Engine } from '../engine';
import type { RecordedItem } from './recorded-item';

/**
 * Protocol timers (the Sparkplug reorder timeout) are judged when the engine ticks. Live, the
 * frame timer ticks it; in replay the feed ticks it on this grid of recording time, so the
 * result is the same however the replay is cut into steps (play at any speed, seek, step).
 */
export const REPLAY_TICK_MS = 100;
/** After the last record nothing is pending longer than this: a long silence is not ticked through. */
const TICK_AFTER_RECORD_MS = 10_000;

/**
 * Feeds a recording into an engine on a clock it owns, as the live path fed it: messages
 * through `ingest` received at their log time, source status through `setSource` (shown as
 * replay), operator actions through `applyAction` at their time.
 */
export class EngineFeed {
  private lastRecordAt: number;

  constructor(
    readonly engine: Engine,
    private readonly clock: ManualClock,
    /** The feed's position: every record up to it has been applied. */
    private at: number,
  ) {
    this.lastRecordAt = at;
    clock.set(at);
  }

  get position(): number {
    return this.at;
  }

  /** Moves pipeline time to `t` (never back), ticking on the grid on the way. */
  advanceTo(t: number): void {
    if (t <= this.at) return;
    const tickUntil = Math.min(t, this.lastRecordAt + TICK_AFTER_RECORD_MS);
    for (let g = (Math.floor(this.at / REPLAY_TICK_MS) + 1) * REPLAY_TICK_MS; g <= tickUntil; g += REPLAY_TICK_MS) {
      this.clock.set(g);
      this.engine.tick();
    }
    this.at = t;
    this.clock.set(t);
  }

  apply(item: RecordedItem): void {
    this.advanceTo(item.at);
    switch (item.kind) {
      case 'message':
        this.lastRecordAt = item.at;
        this.engine.ingest({ topic: item.topic, payload: item.payload, receivedAt: item.at, retain: false, qos: 0 });
        return;
      case 'status':
        this.lastRecordAt = item.at;
        this.engine.setSource({ ...item.info, kind: 'replay' });
        return;
      case 'action': {
        const { at: _at, ...action } = item.action;
        this.engine.applyAction(action);
        return;
      }
      default:
        return;
    }
  }
}
