import { normalizeState } from '../../shared/station-state';
import type { AlarmPriority } from '../../shared/telemetry';
import type { TopicRoute } from '../plant/topic-index';
import { decoded, fail, type DecodeResult } from './decode-result';
import { parseItemEvent } from './item-event';
import { isFiniteNumber, parseJsonObject, timestampOf } from './json-payload';

/** Decodes one UNS JSON payload (DESIGN.md telemetry contract) addressed by `route`. */
export function decodeUns(route: Extract<TopicRoute, { format: 'uns' | 'uns-item' }>, payload: Uint8Array, receivedAt: number): DecodeResult {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  const ts = timestampOf(msg.ts, receivedAt);
  if (ts === undefined) return fail('bad-value', 'ts');

  if (route.format === 'uns-item') {
    const event = parseItemEvent(msg, route.line, ts);
    return typeof event === 'string' ? fail('wrong-type', event) : decoded([event]);
  }

  const station = route.station;
  switch (route.channel) {
    case 'state': {
      const state = normalizeState(msg.state);
      if (!state) return fail('bad-value', 'state');
      const reason = typeof msg.reason === 'string' ? msg.reason.slice(0, 200) : undefined;
      return decoded([{ kind: 'state', station, ts, state, reason }]);
    }
    case 'metrics': {
      const values = msg.values;
      if (typeof values !== 'object' || values === null || Array.isArray(values)) return fail('wrong-type', 'values');
      let n = 0;
      for (const name in values) {
        if (!isFiniteNumber((values as Record<string, unknown>)[name])) return fail('bad-value', `values.${name}`);
        n += 1;
      }
      if (n === 0) return fail('bad-value', 'values is empty');
      // Freshly parsed and checked to hold only numbers: no copy needed on this hot path.
      return decoded([{ kind: 'metrics', station, ts, values: values as Record<string, number> }]);
    }
    case 'count': {
      const { good, reject } = msg;
      if (!isFiniteNumber(good) || !isFiniteNumber(reject) || good < 0 || reject < 0) return fail('bad-value', 'good/reject');
      return decoded([{ kind: 'count', station, ts, good, reject }]);
    }
    case 'alarm': {
      const { id, active, priority, text } = msg;
      if (typeof id !== 'string' || id.length === 0 || typeof active !== 'boolean') return fail('wrong-type', 'alarm');
      if (priority !== 1 && priority !== 2 && priority !== 3 && priority !== 4) return fail('bad-value', 'priority');
      return decoded([
        { kind: 'alarm', station, ts, id: id.slice(0, 100), active, priority: priority as AlarmPriority, text: typeof text === 'string' ? text.slice(0, 500) : undefined },
      ]);
    }
  }
}
