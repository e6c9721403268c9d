import { fail, type DecodeResult } from './decode-result';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Payload bytes → a JSON object, or the reason it is not one. */
export function parseJsonObject(payload: Uint8Array): { ok: true; value: Record<string, unknown> } | Extract<DecodeResult, { ok: false }> {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return fail('invalid-utf8') as Extract<DecodeResult, { ok: false }>;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('invalid-json') as Extract<DecodeResult, { ok: false }>;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('wrong-type', 'payload is not a JSON object') as Extract<DecodeResult, { ok: false }>;
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A message without a usable `ts` is stamped with its arrival time. */
export function timestampOf(value: unknown, receivedAt: number): number | undefined {
  if (value === undefined) return receivedAt;
  return isFiniteNumber(value) && value >= 0 ? value : undefined;
}
