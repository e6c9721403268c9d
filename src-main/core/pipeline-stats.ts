import type { PipelineStats } from '../shared/views';
import { BoundedCounterMap } from './bounded-counter-map';
import { RateMeter } from './rate-meter';

const MAX_UNKNOWN_TOPICS = 1000;

/** Counters the status bar and `/api/health` show; every drop in the app is counted here. */
export class PipelineCounters {
  messages = 0;
  decodeErrors = 0;
  readonly rate = new RateMeter();
  readonly errorsByReason = new BoundedCounterMap(64);
  readonly errorsByTopic = new BoundedCounterMap(256);
  readonly unknownTopics = new BoundedCounterMap(MAX_UNKNOWN_TOPICS);
  readonly dropped = new BoundedCounterMap(64);

  view(now: number): PipelineStats {
    return {
      messages: this.messages,
      messagesPerSecond: this.rate.perSecond(now),
      decodeErrors: this.decodeErrors,
      dropped: this.dropped.total,
      unknownTopics: this.unknownTopics.size,
      decodeErrorsByReason: this.errorsByReason.toRecord(),
      droppedByBuffer: this.dropped.toRecord(),
    };
  }
}
