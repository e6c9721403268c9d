import type { TelemetryEvent } from '../../shared/telemetry';
import { ITEM_EVENT_KINDS, TEST_VERDICTS, type ItemEventDetail, type ItemEventKind, type TestVerdict } from '../../shared/trace';
import { isFiniteNumber } from './json-payload';

/** Ids are opaque (EPC, serial, lot number) but bounded: a longer one is refused, not cut, so two never merge. */
export const MAX_ITEM_ID_CHARS = 128;
const MAX_PARTS = 64;
const MAX_TEST_VALUES = 64;
const MAX_TEXT_CHARS = 200;

/** The Sparkplug String metric carrying one item event as JSON text (DESIGN.md). */
export const ITEM_METRIC = 'item';

export type ItemEvent = Extract<TelemetryEvent, { kind: 'item' }>;

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ITEM_ID_CHARS;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, MAX_TEXT_CHARS) : undefined);

/**
 * One item event object (UNS item payload, or the JSON text of a Sparkplug `item` metric) →
 * the event, or what is wrong with it. `station`, when given, is the Sparkplug device the metric came from: it wins over the object's own.
 */
export function parseItemEvent(msg: Record<string, unknown>, line: string, ts: number, station?: string): ItemEvent | string {
  const at = station ?? (typeof msg.station === 'string' && msg.station.length > 0 ? msg.station : undefined);
  if (!isId(msg.item) || at === undefined || typeof msg.event !== 'string') return 'item event';
  if (!(ITEM_EVENT_KINDS as readonly string[]).includes(msg.event)) return 'event';
  const event = msg.event as ItemEventKind;
  const detail: ItemEventDetail = {};
  switch (event) {
    case 'produce': {
      const kind = text(msg.kind);
      if (kind) detail.productKind = kind;
      break;
    }
    case 'consume': {
      const parts = msg.parts;
      if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_PARTS || !parts.every(isId)) return 'parts';
      detail.parts = [...new Set(parts as string[])];
      break;
    }
    case 'test': {
      if (!(TEST_VERDICTS as readonly unknown[]).includes(msg.verdict)) return 'verdict';
      detail.verdict = msg.verdict as TestVerdict;
      const values = msg.values ?? {};
      if (typeof values !== 'object' || values === null || Array.isArray(values)) return 'values';
      const entries = Object.entries(values as Record<string, unknown>);
      if (entries.length > MAX_TEST_VALUES || !entries.every(([, v]) => isFiniteNumber(v))) return 'values';
      detail.values = Object.fromEntries(entries) as Record<string, number>;
      const reason = text(msg.reason);
      if (reason) detail.reason = reason;
      break;
    }
    case 'scrap': {
      const reason = text(msg.reason);
      if (reason) detail.reason = reason;
      break;
    }
    case 'store': {
      const location = text(msg.location);
      if (!location) return 'location';
      detail.location = location;
      break;
    }
    case 'enter':
    case 'leave':
      break;
  }
  return { kind: 'item', line, station: at, ts, item: msg.item, event, ...detail };
}

/** The JSON object of an item event, as the UNS item topic and the Sparkplug `item` metric carry it. */
export function itemEventJson(e: ItemEvent): Record<string, unknown> {
  const out: Record<string, unknown> = { ts: e.ts, item: e.item, station: e.station, event: e.event };
  if (e.productKind !== undefined) out.kind = e.productKind;
  if (e.parts !== undefined) out.parts = e.parts;
  if (e.values !== undefined) out.values = e.values;
  if (e.verdict !== undefined) out.verdict = e.verdict;
  if (e.reason !== undefined) out.reason = e.reason;
  if (e.location !== undefined) out.location = e.location;
  return out;
}
