import type { PipelineStats } from '../shared/views';
import { BoundedCounterMap } from './bounded-counter-map';
import { RateMeter } from './rate-meter';

const MAX_UNKNOWN_TOPICS = 1000;

/** The counters as an engine keyframe holds them. */
export interface CountersKeyframe {
  messages: number;
  decodeErrors: number;
  rate: { buckets: number[]; bucketSecond: number };
  errorsByReason: Record<string, number>;
  errorsByTopic: Record<string, number>;
  unknownTopics: Record<string, number>;
  dropped: Record<string, number>;
}

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

  keyframe(): CountersKeyframe {
    return {
      messages: this.messages,
      decodeErrors: this.decodeErrors,
      rate: this.rate.keyframe(),
      errorsByReason: this.errorsByReason.toRecord(),
      errorsByTopic: this.errorsByTopic.toRecord(),
      unknownTopics: this.unknownTopics.toRecord(),
      dropped: this.dropped.toRecord(),
    };
  }

  restore(kf: CountersKeyframe): void {
    this.messages = kf.messages;
    this.decodeErrors = kf.decodeErrors;
    this.rate.restore(kf.rate);
    this.errorsByReason.restore(kf.errorsByReason);
    this.errorsByTopic.restore(kf.errorsByTopic);
    this.unknownTopics.restore(kf.unknownTopics);
    this.dropped.restore(kf.dropped);
  }
}
