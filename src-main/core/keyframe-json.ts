/**
 * JSON-safe forms of what engine keyframes hold: JSON has no Infinity or NaN, and a timer that
 * is not set (Infinity) or a trend minute without a figure (NaN) must come back as it was.
 */
export type JsonNumber = number | 'Infinity' | '-Infinity' | 'NaN';

export function toJsonNumber(n: number): JsonNumber {
  if (Number.isFinite(n)) return n;
  if (Number.isNaN(n)) return 'NaN';
  return n > 0 ? 'Infinity' : '-Infinity';
}

export function fromJsonNumber(n: JsonNumber): number {
  return typeof n === 'number' ? n : Number(n);
}

/**
 * A column of numbers: delta-coded when every value is a safe integer (timestamps, state
 * indexes), which keeps hours of state timelines small; as they are otherwise (a float's
 * difference would not add back exactly).
 */
export type JsonColumn = { delta: number[] } | { values: JsonNumber[] };

export function toJsonColumn(values: ArrayLike<number>): JsonColumn {
  const all = Array.from(values);
  if (!all.every((v) => Number.isSafeInteger(v))) return { values: all.map(toJsonNumber) };
  const delta = new Array<number>(all.length);
  let prev = 0;
  for (let i = 0; i < all.length; i += 1) {
    const v = all[i] as number;
    delta[i] = v - prev;
    prev = v;
  }
  return { delta };
}

export function fromJsonColumn(col: JsonColumn): number[] {
  if ('values' in col) return col.values.map(fromJsonNumber);
  const out = new Array<number>(col.delta.length);
  let prev = 0;
  for (let i = 0; i < col.delta.length; i += 1) {
    prev += col.delta[i] as number;
    out[i] = prev;
  }
  return out;
}
