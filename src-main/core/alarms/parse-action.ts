import { DEFAULT_OPERATOR, MAX_SHELVE_MINUTES, type OperatorAction } from '../../shared/operator-action';

export type ParsedAction = { ok: true; action: OperatorAction } | { ok: false; reason: string };

const MAX_ID_CHARS = 200;
const MAX_IDS = 5000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function alarmId(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS ? v : undefined;
}

/** Who acted: a name given by the client, else the generic operator. */
function operator(v: unknown): string | { error: string } {
  if (v === undefined) return DEFAULT_OPERATOR;
  if (typeof v !== 'string' || !/^[\p{L}\p{N} ._@-]{1,64}$/u.test(v)) return { error: '"by" must be a name of 1–64 letters, digits, spaces or . _ @ -' };
  return v;
}

/**
 * Checks an operator action that came from outside (a bridge request or an HTTP body); the
 * reason goes back to the caller as it is. `who`: the name the caller's access token carries;
 * it is recorded whatever `by` the client sends.
 */
export function parseAction(kind: OperatorAction['kind'], params: unknown, who?: string): ParsedAction {
  const p = isRecord(params) ? params : {};
  if (params !== undefined && params !== null && !isRecord(params)) return { ok: false, reason: 'parameters must be a JSON object' };
  const by = who ?? operator(p.by);
  if (typeof by !== 'string') return { ok: false, reason: by.error };
  if (kind === 'ackAll') {
    if (p.ids === undefined) return { ok: true, action: { kind, by } };
    if (!Array.isArray(p.ids) || p.ids.length > MAX_IDS || !p.ids.every((id) => alarmId(id) !== undefined)) {
      return { ok: false, reason: `"ids" must be a list of at most ${MAX_IDS} alarm ids` };
    }
    return { ok: true, action: { kind, ids: p.ids as string[], by } };
  }
  const id = alarmId(p.id);
  if (id === undefined) return { ok: false, reason: `"id" must be an alarm id (a non-empty string of at most ${MAX_ID_CHARS} characters)` };
  switch (kind) {
    case 'ack':
    case 'unshelve':
      return { ok: true, action: { kind, id, by } };
    case 'shelve': {
      const minutes = p.minutes;
      if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_SHELVE_MINUTES) {
        return { ok: false, reason: `"minutes" must be a number above 0 and at most ${MAX_SHELVE_MINUTES}` };
      }
      return { ok: true, action: { kind, id, minutes, by } };
    }
    case 'outOfService':
      if (typeof p.outOfService !== 'boolean') return { ok: false, reason: '"outOfService" must be true or false' };
      return { ok: true, action: { kind, id, outOfService: p.outOfService, by } };
  }
}
