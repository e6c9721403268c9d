import { normalizeState } from '../../shared/station-state';
import type { StationSpec } from '../../shared/plant-schema';
import type { TelemetryEvent } from '../../shared/telemetry';
import { decoded, fail, type DecodeResult } from './decode-result';
import { isFiniteNumber, parseJsonObject, timestampOf } from './json-payload';

type MappedBinding = NonNullable<StationSpec['mapped']>;

function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Decodes a payload that follows neither UNS nor Sparkplug, by the station's field paths. */
export function decodeMapped(station: string, binding: MappedBinding, payload: Uint8Array, receivedAt: number): DecodeResult {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  const { fields } = binding;
  const ts = fields.ts ? timestampOf(pick(msg, fields.ts), receivedAt) : receivedAt;
  if (ts === undefined) return fail('bad-value', 'ts');
  const events: TelemetryEvent[] = [];

  if (fields.state) {
    const raw = pick(msg, fields.state);
    if (raw !== undefined) {
      const mapped = binding.stateMap?.[String(raw)] ?? raw;
      const state = normalizeState(mapped);
      if (!state) return fail('bad-value', `state ${String(raw).slice(0, 40)}`);
      events.push({ kind: 'state', station, ts, state });
    }
  }
  if (fields.good || fields.reject) {
    const good = fields.good ? pick(msg, fields.good) : 0;
    const reject = fields.reject ? pick(msg, fields.reject) : 0;
    if (good !== undefined || reject !== undefined) {
      const g = good ?? 0;
      const r = reject ?? 0;
      // Totals are monotonic counts; a negative one is a broken payload, not a counter reset.
      if (!isFiniteNumber(g) || !isFiniteNumber(r) || g < 0 || r < 0) return fail('bad-value', 'good/reject');
      events.push({ kind: 'count', station, ts, good: g, reject: r });
    }
  }
  if (fields.metrics) {
    const values: Record<string, number> = {};
    for (const [name, path] of Object.entries(fields.metrics)) {
      const v = pick(msg, path);
      if (isFiniteNumber(v)) values[name] = v;
    }
    if (Object.keys(values).length > 0) events.push({ kind: 'metrics', station, ts, values });
  }
  if (events.length === 0) return fail('wrong-type', 'no mapped field present');
  return decoded(events);
}
