import type { PlantFile, StationSpec } from '../../shared/plant-schema';
import type { RawMessage } from '../raw-message';
import { TopicIndex } from '../plant/topic-index';
import type { TelemetryEvent } from '../../shared/telemetry';
import { fail, type DecodeErrorReason, type DecodeResult } from './decode-result';
import { decodeMapped } from './mapped-json';
import { decodeUns } from './uns-json';

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** What a family decoder's time-driven work produced: events to apply and errors to count. */
export interface FamilyTick {
  events: TelemetryEvent[];
  errors: DecodeErrorReason[];
}

/** A decoder for one topic family that keeps its own protocol state (Sparkplug). */
export interface TopicFamilyDecoder {
  accepts(topic: string): boolean;
  decode(msg: RawMessage): DecodeResult;
  /** Timeouts (Sparkplug reorder buffer), judged on the engine's clock. */
  tick?(now: number): FamilyTick;
  /** The broker connection is gone: sequence state from before it can no longer be trusted. */
  connectionLost?(): void;
  /** Its protocol state, JSON-safe, for an engine keyframe; `restore` takes it back (see Engine.keyframe). */
  keyframe?(): unknown;
  restore?(kf: unknown): void;
}

export type RoutedResult = DecodeResult | { ok: false; reason: 'unknown-topic' };

/** Routes a raw message to the decoder its topic calls for; never throws. */
export class MessageDecoder {
  readonly index: TopicIndex;
  private readonly stations = new Map<string, StationSpec>();

  constructor(
    plant: PlantFile,
    private readonly families: TopicFamilyDecoder[] = [],
    private readonly maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES,
  ) {
    this.index = new TopicIndex(plant);
    for (const line of plant.lines) for (const s of line.stations) this.stations.set(s.id, s);
  }

  decode(msg: RawMessage): RoutedResult {
    if (msg.payload.byteLength > this.maxPayloadBytes) return fail('too-large', `${msg.payload.byteLength} bytes`);
    try {
      const route = this.index.resolve(msg.topic);
      if (route) {
        if (route.format === 'mapped') {
          const binding = this.stations.get(route.station)?.mapped;
          return binding ? decodeMapped(route.station, binding, msg.payload, msg.receivedAt) : { ok: false, reason: 'unknown-topic' };
        }
        return decodeUns(route, msg.payload, msg.receivedAt);
      }
      for (const family of this.families) if (family.accepts(msg.topic)) return family.decode(msg);
      return { ok: false, reason: 'unknown-topic' };
    } catch (err) {
      return fail('bad-value', `decoder threw: ${(err as Error).message}`);
    }
  }
}
