import { get } from 'sparkplug-payload';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';

export type { UMetric, UPayload };

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

const codec = get(SPARKPLUG_NAMESPACE);
if (!codec) throw new Error(`sparkplug-payload has no ${SPARKPLUG_NAMESPACE} codec`);

export const decodeSparkplugPayload: (bytes: Uint8Array) => UPayload = codec.decodePayload;
export const encodeSparkplugPayload: (payload: UPayload) => Uint8Array = codec.encodePayload;

/** A 64-bit protobuf value as protobufjs hands it over (`long`), without depending on the package. */
interface LongLike {
  toNumber(): number;
}

const isLong = (v: unknown): v is LongLike => typeof v === 'object' && v !== null && typeof (v as Partial<LongLike>).toNumber === 'function';

/** A number, or a Long turned into one (UInt64 totals stay exact up to 2^53). */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (isLong(v)) return v.toNumber();
  return undefined;
}

/** The NCMD a host sends to ask an edge node to publish its births again. */
export function rebirthRequest(groupId: string, nodeId: string, now: number): { topic: string; payload: Uint8Array } {
  return {
    topic: `${SPARKPLUG_NAMESPACE}/${groupId}/NCMD/${nodeId}`,
    payload: encodeSparkplugPayload({ timestamp: now, metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }] }),
  };
}
