import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { decodeSparkplugPayload, encodeSparkplugPayload, toNumber, type UMetric } from './sparkplug-codec';
import { decodeSparkplugWire, readSparkplugFast, type SparkplugPayload } from './sparkplug-wire';

/**
 * The wire reader must read every payload as sparkplug-payload does (values as `toNumber`
 * sees them) and fail where it fails. Seeded, so a failure reproduces.
 */
const RUNS = 2000;

const norm = (v: unknown): unknown => (typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && 'toNumber' in v ? toNumber(v) : v);

function view(p: SparkplugPayload): unknown {
  return {
    timestamp: norm(p.timestamp),
    seq: norm(p.seq),
    metrics: p.metrics?.map((m) => ({ name: m.name, alias: norm(m.alias), value: norm(m.value), isHistorical: m.isHistorical, isNull: m.isNull })),
  };
}

function outcome(decode: (b: Uint8Array) => SparkplugPayload, bytes: Uint8Array): unknown {
  try {
    return view(decode(bytes));
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

/**
 * Compares the wire reader with sparkplug-payload on `bytes`, and says whether the fast reader
 * read them itself: where it leaves them to sparkplug-payload the comparison is of the
 * reference with itself, so each test counts these hits and asserts them.
 */
function expectSame(bytes: Uint8Array): boolean {
  const reference = outcome(decodeSparkplugPayload, bytes);
  expect(outcome(decodeSparkplugWire, bytes)).toEqual(reference);
  const fast = readSparkplugFast(bytes);
  if (fast) expect(view(fast)).toEqual(reference);
  return fast !== undefined;
}

function randomMetric(rng: Rng): UMetric {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;
  const kind = pick(['Int8', 'Int32', 'UInt16', 'Int64', 'UInt32', 'UInt64', 'DateTime', 'Float', 'Double', 'Boolean', 'String', 'Text', 'Bytes'] as const);
  const big = Math.floor(rng.next() * 2 ** 53);
  const value =
    kind === 'Boolean'
      ? rng.next() < 0.5
      : kind === 'String' || kind === 'Text'
        ? pick(['RUNNING', 'fault', '', 'Ünïcode', 'x'.repeat(40)])
        : kind === 'Bytes'
          ? new Uint8Array([1, 2, 3])
          : kind === 'Float' || kind === 'Double'
            ? (rng.next() - 0.5) * 1e6
            : kind === 'Int64'
              ? big * (rng.next() < 0.5 ? -1 : 1)
              : kind === 'Int8' || kind === 'Int32'
                ? Math.floor((rng.next() - 0.5) * 200)
                : kind === 'UInt64' || kind === 'DateTime'
                  ? big
                  : Math.floor(rng.next() * 60000);
  return {
    type: kind,
    value,
    ...(rng.next() < 0.5 ? { name: pick(['state', 'good', 'alarm/HOT', 'bdSeq', 'Ωmega']) } : {}),
    ...(rng.next() < 0.7 ? { alias: Math.floor(rng.next() * 2 ** 40) } : {}),
    ...(rng.next() < 0.1 ? { isHistorical: true } : {}),
    ...(rng.next() < 0.1 ? { isNull: true } : {}),
    ...(rng.next() < 0.2 ? { timestamp: big } : {}),
  };
}

function randomPayload(rng: Rng): Uint8Array {
  const metrics = Array.from({ length: Math.floor(rng.next() * 5) }, () => randomMetric(rng));
  return encodeSparkplugPayload({
    ...(rng.next() < 0.9 ? { timestamp: Math.floor(rng.next() * 2 ** 45) } : {}),
    ...(rng.next() < 0.9 ? { seq: Math.floor(rng.next() * 300) } : {}),
    ...(rng.next() < 0.1 ? { uuid: 'u-1' } : {}),
    metrics,
  });
}

describe('decodeSparkplugWire', () => {
  it('reads valid payloads as sparkplug-payload does', () => {
    const rng = new Rng(11);
    let fast = 0;
    for (let i = 0; i < RUNS; i += 1) if (expectSame(randomPayload(rng))) fast += 1;
    // Seeded: 1372 of 2000 today; the rest carry what only sparkplug-payload reads.
    expect(fast).toBeGreaterThan(RUNS / 2);
  });

  it('reads truncated and corrupted payloads as sparkplug-payload does', () => {
    const rng = new Rng(12);
    const fast = { truncated: 0, flipped: 0, noise: 0 };
    for (let i = 0; i < RUNS; i += 1) {
      const bytes = randomPayload(rng);
      if (expectSame(bytes.subarray(0, Math.floor(rng.next() * bytes.length)))) fast.truncated += 1;
      const flipped = bytes.slice();
      flipped[Math.floor(rng.next() * flipped.length)] = Math.floor(rng.next() * 256);
      if (expectSame(flipped)) fast.flipped += 1;
      if (expectSame(Uint8Array.from({ length: Math.floor(rng.next() * 40) }, () => Math.floor(rng.next() * 256)))) fast.noise += 1;
    }
    // Seeded: 199, 548 and 49 today. Damaged bytes that still parse must be read alike too.
    expect(fast.truncated).toBeGreaterThan(RUNS / 20);
    expect(fast.flipped).toBeGreaterThan(RUNS / 20);
    expect(fast.noise).toBeGreaterThan(0);
  });

  it('reads Buffers as it reads Uint8Arrays', () => {
    const rng = new Rng(13);
    let fast = 0;
    for (let i = 0; i < 200; i += 1) if (expectSame(Buffer.from(randomPayload(rng)))) fast += 1;
    expect(fast).toBeGreaterThan(100);
  });
});
