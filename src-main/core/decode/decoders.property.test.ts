import { describe, expect, it } from 'vitest';
import type { StationSpec } from '../../shared/plant-schema';
import { isStationState } from '../../shared/station-state';
import { Rng } from '../rng';
import { ManualClock } from '../clock';
import { Engine } from '../engine';
import type { UnsChannel } from '../plant/topic-index';
import type { DecodeResult } from './decode-result';
import { decodeMapped } from './mapped-json';
import { encodeSparkplugPayload, type UMetric } from './sparkplug-codec';
import { SparkplugDecoder } from './sparkplug-decoder';
import { decodeUns } from './uns-json';
import { parsePlant } from '../plant/load-plant';

/**
 * Property-style checks: whatever bytes arrive, a decoder returns events or a reason and never
 * throws. Seeded, so a failure reproduces.
 */
const RUNS = 400;
const REASONS = new Set(['too-large', 'invalid-utf8', 'invalid-json', 'wrong-type', 'bad-value', 'unknown-station', 'protobuf', 'sparkplug-sequence', 'sparkplug-before-birth', 'sparkplug-unknown-alias', 'sparkplug-topic']);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const plant = parsePlant(
  {
    id: 'prop',
    name: { zh: '测', en: 'Prop' },
    uns: { prefix: 'p' },
    sparkplug: { groupId: 'g' },
    lines: [
      {
        id: 'L1',
        name: { zh: '一', en: 'L1' },
        stations: [
          { id: 'S1', type: 'x', name: { zh: '一', en: 'S1' }, position: [0, 0, 0], idealCycleSeconds: 1 },
          { id: 'S2', type: 'x', name: { zh: '二', en: 'S2' }, position: [1, 0, 0], idealCycleSeconds: 1 },
        ],
      },
    ],
  },
  'prop.json',
);

const binding: NonNullable<StationSpec['mapped']> = {
  topic: 'vendor/press/1',
  fields: { state: 'd.st', good: 'd.ok', reject: 'd.nok', ts: 't', metrics: { temp: 'd.temp', rpm: 'd.rpm' } },
  stateMap: { '3': 'RUNNING', '5': 'FAULT' },
};

/** Checks the contract every decode result keeps, whatever came in. */
function expectWellFormed(r: DecodeResult): void {
  if (!r.ok) {
    expect(REASONS).toContain(r.reason);
    return;
  }
  for (const reason of r.issues ?? []) expect(REASONS).toContain(reason);
  for (const e of r.events) {
    expect(Number.isFinite(e.ts)).toBe(true);
    if (e.kind === 'state') expect(isStationState(e.state)).toBe(true);
    if (e.kind === 'count') expect(e.good >= 0 && e.reject >= 0 && Number.isFinite(e.good + e.reject)).toBe(true);
    if (e.kind === 'metrics') for (const v of Object.values(e.values)) expect(Number.isFinite(v)).toBe(true);
  }
}

function randomBytes(rng: Rng, max = 300): Uint8Array {
  const out = new Uint8Array(Math.floor(rng.next() * max));
  for (let i = 0; i < out.length; i += 1) out[i] = Math.floor(rng.next() * 256);
  return out;
}

const SCALARS: unknown[] = [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', 'RUNNING', 'execute', 'FAULT', 'x'.repeat(300), true, false, null, [], {}, '3', 3, 5];

function randomJson(rng: Rng, depth = 0): unknown {
  const r = rng.next();
  if (depth > 3 || r < 0.45) return SCALARS[Math.floor(rng.next() * SCALARS.length)];
  if (r < 0.6) return Array.from({ length: Math.floor(rng.next() * 4) }, () => randomJson(rng, depth + 1));
  const keys = ['ts', 'state', 'values', 'good', 'reject', 'id', 'active', 'priority', 'text', 'item', 'station', 'event', 'reason', 'd', 't', 'st', 'ok', 'nok', 'temp', 'rpm', 'zzz'];
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rng.next() * 6); i > 0; i -= 1) obj[keys[Math.floor(rng.next() * keys.length)] as string] = randomJson(rng, depth + 1);
  return obj;
}

/** Valid payloads of each format, the seeds of truncation and mutation. */
const validUns: Record<UnsChannel, string> = {
  state: '{"ts":1700000000000,"state":"RUNNING","reason":"ok"}',
  metrics: '{"ts":1700000000000,"values":{"platenTempC":175.5,"steamPressureBar":14}}',
  count: '{"ts":1700000000000,"good":120,"reject":3}',
  alarm: '{"ts":1700000000000,"id":"TEMP_HIGH","active":true,"priority":2,"text":"热板温度高"}',
};
const validMapped = '{"t":1700000000000,"d":{"st":3,"ok":10,"nok":1,"temp":80.5,"rpm":12}}';

function* payloadCases(rng: Rng, valid: string[]): Generator<Uint8Array> {
  for (let i = 0; i < RUNS; i += 1) yield randomBytes(rng);
  for (let i = 0; i < RUNS; i += 1) yield utf8(JSON.stringify(randomJson(rng)));
  for (const v of valid) {
    const bytes = utf8(v);
    for (let n = 0; n < bytes.length; n += 1) yield bytes.subarray(0, n);
    for (let i = 0; i < 50; i += 1) {
      const copy = bytes.slice();
      copy[Math.floor(rng.next() * copy.length)] = Math.floor(rng.next() * 256);
      yield copy;
    }
  }
  yield utf8('{"ts":1,"values":{"a":1e999}}');
  yield utf8('{"ts":NaN,"state":"RUNNING"}');
  yield new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
}

describe('decoders never throw and always return events or a reason', () => {
  it('UNS JSON', () => {
    const rng = new Rng(1);
    for (const channel of ['state', 'metrics', 'count', 'alarm'] as const) {
      for (const payload of payloadCases(rng, [validUns[channel]])) {
        expectWellFormed(decodeUns({ format: 'uns', channel, line: 'L1', station: 'S1' }, payload, 1));
      }
    }
    for (const payload of payloadCases(rng, ['{"ts":1,"item":"T-1","station":"S1","event":"enter"}'])) {
      expectWellFormed(decodeUns({ format: 'uns-item', line: 'L1' }, payload, 1));
    }
    expect(decodeUns({ format: 'uns', channel: 'count', line: 'L1', station: 'S1' }, utf8(validUns.count), 1)).toMatchObject({ ok: true });
  });

  it('mapped JSON', () => {
    const rng = new Rng(2);
    for (const payload of payloadCases(rng, [validMapped])) expectWellFormed(decodeMapped('S1', binding, payload, 1));
    expect(decodeMapped('S1', binding, utf8('{"d":{"ok":-5,"nok":0}}'), 1)).toMatchObject({ ok: false, reason: 'bad-value' });
  });

  it('Sparkplug B: random bytes, truncated and mutated births and data, wrong metric types', () => {
    const rng = new Rng(3);
    const decoder = new SparkplugDecoder(plant);
    const topics = ['spBv1.0/g/NBIRTH/L1', 'spBv1.0/g/DBIRTH/L1/S1', 'spBv1.0/g/DDATA/L1/S1', 'spBv1.0/g/NDATA/L1', 'spBv1.0/g/DDEATH/L1/S2', 'spBv1.0/g/NDEATH/L1'];
    const types = ['String', 'UInt64', 'Int32', 'Double', 'Float', 'Boolean', 'Int64'] as const;
    const values: Record<(typeof types)[number], () => UMetric['value']> = {
      String: () => ['RUNNING', 'nonsense', ''][Math.floor(rng.next() * 3)] as string,
      UInt64: () => Math.floor(rng.next() * 2 ** 52),
      Int32: () => Math.floor(rng.between(-1e9, 1e9)),
      Int64: () => -Math.floor(rng.next() * 2 ** 40),
      Double: () => [NaN, Infinity, rng.between(-1e6, 1e6)][Math.floor(rng.next() * 3)] as number,
      Float: () => rng.between(-100, 100),
      Boolean: () => rng.next() < 0.5,
    };
    const names = ['state', 'good', 'reject', 'alarm/X', 'alarm/', 'temp', 'bdSeq', 'Node Control/Rebirth'];
    const randomPayload = (): Uint8Array => {
      const metrics: UMetric[] = Array.from({ length: Math.floor(rng.next() * 6) }, () => {
        const type = types[Math.floor(rng.next() * types.length)] as (typeof types)[number];
        const named = rng.next() < 0.5;
        return { ...(named ? { name: names[Math.floor(rng.next() * names.length)] } : {}), alias: Math.floor(rng.next() * 20), type, value: values[type](), isHistorical: rng.next() < 0.1 };
      });
      return encodeSparkplugPayload({ timestamp: Math.floor(rng.next() * 2e12), seq: Math.floor(rng.next() * 256), metrics });
    };
    const valid = [randomPayload(), randomPayload(), randomPayload()];
    let n = 0;
    const feed = (payload: Uint8Array): void => {
      const topic = topics[n % topics.length] as string;
      n += 1;
      expectWellFormed(decoder.decode({ topic, payload, receivedAt: n, retain: false, qos: 0 }));
      if (n % 50 === 0) {
        const out = decoder.tick(n + 10_000);
        for (const r of out.errors) expect(REASONS).toContain(r);
      }
    };
    for (let i = 0; i < RUNS; i += 1) feed(randomBytes(rng));
    for (let i = 0; i < RUNS * 2; i += 1) feed(randomPayload());
    for (const v of valid) {
      for (let len = 0; len < v.length; len += 1) feed(v.subarray(0, len));
      for (let i = 0; i < 50; i += 1) {
        const copy = v.slice();
        copy[Math.floor(rng.next() * copy.length)] = Math.floor(rng.next() * 256);
        feed(copy);
      }
    }
  });
});

describe('bad input through the engine', () => {
  it('counts over-size payloads and keeps going', () => {
    const engine = new Engine({ plant, clock: new ManualClock(), maxPayloadBytes: 1024 });
    engine.ingest({ topic: 'p/L1/S1/state', payload: new Uint8Array(1025), receivedAt: 0, retain: false, qos: 0 });
    engine.ingest({ topic: 'p/L1/S1/state', payload: utf8('{"state":"IDLE"}'), receivedAt: 0, retain: false, qos: 0 });
    expect(engine.health().stats.decodeErrorsByReason).toEqual({ 'too-large': 1 });
    expect(engine.state.station('S1')?.state).toBe('IDLE');
  });

  it('defaults the payload limit to 1 MiB', () => {
    const engine = new Engine({ plant, clock: new ManualClock() });
    engine.ingest({ topic: 'p/L1/S1/state', payload: new Uint8Array(1024 * 1024 + 1), receivedAt: 0, retain: false, qos: 0 });
    expect(engine.health().stats.decodeErrorsByReason).toEqual({ 'too-large': 1 });
  });

  it('keeps counters bounded under a flood of distinct unknown and broken topics', () => {
    const engine = new Engine({ plant, clock: new ManualClock(), families: [new SparkplugDecoder(plant)] });
    const rng = new Rng(4);
    for (let i = 0; i < 20_000; i += 1) {
      const junk = `${'x'.repeat(Math.floor(rng.next() * 2000))}${i}`;
      engine.ingest({ topic: `p/flood/${junk}`, payload: utf8('{}'), receivedAt: i, retain: false, qos: 0 });
      engine.ingest({ topic: `spBv1.0/g/DDATA/${junk}/S1`, payload: new Uint8Array([1, 2, 3]), receivedAt: i, retain: false, qos: 0 });
    }
    const stats = engine.health().stats;
    expect(stats.messages).toBe(40_000);
    expect(stats.unknownTopics).toBeLessThanOrEqual(1001);
    expect(Object.keys(stats.decodeErrorsByReason)).toEqual(['sparkplug-topic']);
    expect(engine.counters.errorsByTopic.size).toBeLessThanOrEqual(257);
    expect(engine.counters.errorsByTopic.toRecord()['(other)']).toBeGreaterThan(0);
  });
});
