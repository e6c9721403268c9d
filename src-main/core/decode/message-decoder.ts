import type { PlantFile, StationSpec } from '../../shared/plant-schema';
import type { RawMessage } from '../raw-message';
import { TopicIndex } from '../plant/topic-index';
import { fail, type DecodeResult } from './decode-result';
import { decodeMapped } from './mapped-json';
import { decodeUns } from './uns-json';

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** A decoder for one topic family that keeps its own protocol state (Sparkplug). */
export interface TopicFamilyDecoder {
  accepts(topic: string): boolean;
  decode(msg: RawMessage): DecodeResult;
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
