import type { AppliedOperatorAction } from '../../shared/operator-action';
import type { Bookmark } from '../../shared/replay';
import type { SourceInfo } from '../../shared/views';

import { ACTIONS_TOPIC, BOOKMARKS_TOPIC, KEYFRAMES_TOPIC, STATUS_TOPIC } from '../record/recording-names';

export { ACTIONS_TOPIC, BOOKMARKS_TOPIC, KEYFRAMES_TOPIC, PLANT_METADATA, SESSION_METADATA, STATUS_TOPIC } from '../record/recording-names';

/** One record of a recording, in log-time order, `at` in ms. */
export type RecordedItem =
  | { kind: 'message'; at: number; topic: string; payload: Uint8Array }
  | { kind: 'status'; at: number; info: SourceInfo }
  | { kind: 'action'; at: number; action: AppliedOperatorAction }
  | { kind: 'bookmark'; at: number; bookmark: Bookmark }
  | { kind: 'keyframe'; at: number; engine: unknown };

const decoder = new TextDecoder();

/** The recorder's JSON channels as items; a record that does not parse is skipped (undefined). */
export function recordedItem(topic: string, at: number, data: Uint8Array): RecordedItem | undefined {
  if (!topic.startsWith('linetwin/')) return { kind: 'message', at, topic, payload: data };
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  switch (topic) {
    case STATUS_TOPIC:
      return typeof b.connected === 'boolean' && typeof b.connection === 'string' ? { kind: 'status', at, info: body as SourceInfo } : undefined;
    case ACTIONS_TOPIC:
      return typeof b.kind === 'string' && typeof b.by === 'string' ? { kind: 'action', at, action: body as AppliedOperatorAction } : undefined;
    case BOOKMARKS_TOPIC:
      return typeof b.id === 'string' && typeof b.note === 'string' ? { kind: 'bookmark', at, bookmark: { id: b.id, at: typeof b.at === 'number' ? b.at : at, note: b.note, by: typeof b.by === 'string' ? b.by : '' } } : undefined;
    case KEYFRAMES_TOPIC:
      return typeof b.engine === 'object' && b.engine !== null ? { kind: 'keyframe', at: typeof b.at === 'number' ? b.at : at, engine: b.engine } : undefined;
    default:
      return undefined;
  }
}

export const nsToMs = (ns: bigint): number => Number(ns / 1_000_000n);
export const msToNs = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;
