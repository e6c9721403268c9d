import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { Engine } from '../engine';
import { parsePlant } from '../plant/load-plant';
import { encodeSparkplugPayload, type UMetric } from './sparkplug-codec';
import { SPARKPLUG_REORDER_TIMEOUT_MS, SparkplugDecoder } from './sparkplug-decoder';

const plant = parsePlant(JSON.parse(readFileSync(resolve(__dirname, '../../../assets/plants/tire-plant.json'), 'utf8')), 'tire-plant.json');
const group = plant.sparkplug?.groupId ?? '';
const NODE = 'mixing';
const DEV = 'MX-01';
const OTHER = 'MX-02';

function setup() {
  const clock = new ManualClock(1_000_000);
  const decoder = new SparkplugDecoder(plant);
  const rebirths: string[] = [];
  decoder.onRebirthWanted((n) => rebirths.push(n));
  const engine = new Engine({ plant, clock, families: [decoder] });
  const send = (kind: string, metrics: UMetric[], opts: { seq?: number; device?: string } = {}): void => {
    const device = opts.device ?? (kind.startsWith('D') ? DEV : undefined);
    const topic = `spBv1.0/${group}/${kind}/${NODE}${device ? `/${device}` : ''}`;
    const payload = encodeSparkplugPayload({ timestamp: clock.now(), ...(opts.seq === undefined ? {} : { seq: opts.seq }), metrics });
    engine.ingest({ topic, payload, receivedAt: clock.now(), retain: false, qos: 0 });
  };
  const nbirth = (bdSeq: number): void =>
    send('NBIRTH', [{ name: 'bdSeq', type: 'UInt64', value: bdSeq }, { name: 'Node Control/Rebirth', alias: 1, type: 'Boolean', value: false }], { seq: 0 });
  const dbirth = (seq: number, device = DEV, base = 10): void =>
    send(
      'DBIRTH',
      [
        { name: 'state', alias: base, type: 'String', value: 'RUNNING' },
        { name: 'good', alias: base + 1, type: 'UInt64', value: 100 },
        { name: 'reject', alias: base + 2, type: 'UInt64', value: 2 },
        { name: 'chamberTempC', alias: base + 3, type: 'Double', value: 150.5 },
        { name: 'alarm/HIGH_TEMP', alias: base + 4, type: 'Boolean', value: false },
      ],
      { seq, device },
    );
  const ddata = (seq: number, metrics: UMetric[], device = DEV): void => send('DDATA', metrics, { seq, device });
  const station = (id = DEV) => engine.state.station(id);
  const errors = () => engine.counters.errorsByReason.toRecord();
  return { clock, engine, decoder, rebirths, send, nbirth, dbirth, ddata, station, errors };
}

describe('SparkplugDecoder as a monitoring host', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('applies births and then aliased DATA, with 64-bit totals as numbers', () => {
    t.nbirth(0);
    t.dbirth(1);
    expect(t.station()).toMatchObject({ state: 'RUNNING', good: 100, reject: 2, stale: false, metrics: { chamberTempC: 150.5 } });
    t.ddata(2, [{ alias: 11, type: 'UInt64', value: 2 ** 40 }, { alias: 13, type: 'Double', value: 152 }, { alias: 10, type: 'String', value: 'FAULT' }]);
    expect(t.station()).toMatchObject({ state: 'FAULT', good: 2 ** 40, reject: 2, metrics: { chamberTempC: 152 } });
    expect(t.engine.counters.decodeErrors).toBe(0);
  });

  it('turns alarm/{ID} Booleans into alarm events with priority 3', () => {
    const alarms: unknown[] = [];
    t.engine.onEvent((e) => e.kind === 'alarm' && alarms.push(e));
    t.nbirth(0);
    t.dbirth(1);
    t.ddata(2, [{ alias: 14, type: 'Boolean', value: true }]);
    expect(alarms.at(-1)).toMatchObject({ station: DEV, id: 'HIGH_TEMP', active: true, priority: 3 });
  });

  it('holds out-of-order DATA until the gap is filled within the timeout', () => {
    t.nbirth(0);
    t.dbirth(1);
    t.ddata(3, [{ alias: 13, type: 'Double', value: 3 }]);
    expect(t.station()?.metrics.chamberTempC).toBe(150.5);
    t.clock.advance(SPARKPLUG_REORDER_TIMEOUT_MS / 2);
    t.engine.tick();
    t.ddata(2, [{ alias: 13, type: 'Double', value: 2 }]);
    expect(t.station()?.metrics.chamberTempC).toBe(3);
    t.ddata(4, [{ alias: 13, type: 'Double', value: 4 }]);
    expect(t.station()?.metrics.chamberTempC).toBe(4);
    expect(t.engine.counters.decodeErrors).toBe(0);
    expect(t.rebirths).toEqual([]);
  });

  it('applies held DATA after the timeout when the gap stays open, counts it and wants a rebirth', () => {
    t.nbirth(0);
    t.dbirth(1);
    t.ddata(3, [{ alias: 13, type: 'Double', value: 3 }]);
    t.ddata(4, [{ alias: 13, type: 'Double', value: 4 }]);
    t.clock.advance(SPARKPLUG_REORDER_TIMEOUT_MS - 1);
    t.engine.tick();
    expect(t.station()?.metrics.chamberTempC).toBe(150.5);
    t.clock.advance(1);
    t.engine.tick();
    expect(t.station()?.metrics.chamberTempC).toBe(4);
    expect(t.errors()['sparkplug-sequence']).toBe(1);
    expect(t.rebirths).toEqual([NODE]);
    t.ddata(5, [{ alias: 13, type: 'Double', value: 5 }]);
    expect(t.station()?.metrics.chamberTempC).toBe(5);
  });

  it('wraps seq from 255 to 0', () => {
    t.nbirth(0);
    t.dbirth(1);
    for (let i = 2; i < 260; i += 1) t.ddata(i % 256, [{ alias: 13, type: 'Double', value: i }]);
    expect(t.station()?.metrics.chamberTempC).toBe(259);
    expect(t.engine.counters.decodeErrors).toBe(0);
  });

  it('counts DATA before a birth and unknown aliases, and wants a rebirth (rate-limited)', () => {
    t.ddata(5, [{ alias: 13, type: 'Double', value: 1 }]);
    expect(t.errors()['sparkplug-before-birth']).toBe(1);
    t.nbirth(0);
    t.dbirth(1);
    t.ddata(2, [{ alias: 99, type: 'Double', value: 1 }]);
    expect(t.errors()['sparkplug-unknown-alias']).toBe(1);
    expect(t.rebirths).toEqual([NODE]);
    t.clock.advance(10_000);
    t.ddata(3, [{ alias: 98, type: 'Double', value: 1 }]);
    expect(t.rebirths).toEqual([NODE, NODE]);
  });

  it('rebuilds the alias map on every NBIRTH', () => {
    t.nbirth(0);
    t.dbirth(1);
    t.nbirth(1);
    t.ddata(1, [{ alias: 13, type: 'Double', value: 7 }]);
    expect(t.errors()['sparkplug-unknown-alias']).toBe(1);
    t.dbirth(2, DEV, 50);
    t.ddata(3, [{ alias: 53, type: 'Double', value: 8 }]);
    expect(t.station()?.metrics.chamberTempC).toBe(8);
  });

  it('ignores an NDEATH whose bdSeq is not the current birth’s, honours a matching one', () => {
    t.nbirth(5);
    t.dbirth(1);
    t.dbirth(2, OTHER, 20);
    t.send('NDEATH', [{ name: 'bdSeq', type: 'UInt64', value: 4 }]);
    expect(t.station()?.stale).toBe(false);
    t.send('NDEATH', [{ name: 'bdSeq', type: 'UInt64', value: 5 }]);
    expect(t.station()).toMatchObject({ stale: true, reason: 'edge node death (NDEATH)' });
    expect(t.station(OTHER)?.stale).toBe(true);
    t.ddata(3, [{ alias: 13, type: 'Double', value: 1 }]);
    expect(t.errors()['sparkplug-before-birth']).toBe(1);
  });

  it('marks a device stale on DDEATH, in seq order', () => {
    t.nbirth(0);
    t.dbirth(1);
    t.dbirth(2, OTHER, 20);
    t.send('DDEATH', [], { seq: 3 });
    expect(t.station()?.stale).toBe(true);
    expect(t.station(OTHER)?.stale).toBe(false);
  });

  it('keeps is_historical values out of live state', () => {
    t.nbirth(0);
    t.dbirth(1);
    t.ddata(2, [{ alias: 13, type: 'Double', value: 99, isHistorical: true }, { alias: 11, type: 'UInt64', value: 500, isHistorical: true }]);
    expect(t.station()).toMatchObject({ good: 100, metrics: { chamberTempC: 150.5 } });
  });

  it('does not count STATE messages or commands as errors, and rejects unknown nodes and devices', () => {
    const ingest = (topic: string, payload: Uint8Array) => t.engine.ingest({ topic, payload, receivedAt: 0, retain: true, qos: 1 });
    ingest('spBv1.0/STATE/scada-1', new TextEncoder().encode('{"online":true,"timestamp":1}'));
    ingest(`spBv1.0/${group}/NCMD/${NODE}`, encodeSparkplugPayload({ metrics: [] }));
    expect(t.engine.counters.decodeErrors).toBe(0);
    ingest(`spBv1.0/${group}/NDATA/no-such-line`, encodeSparkplugPayload({ seq: 0, metrics: [] }));
    ingest(`spBv1.0/${group}/DDATA/${NODE}/NO-SUCH`, encodeSparkplugPayload({ seq: 0, metrics: [] }));
    ingest(`spBv1.0/${group}/NBIRTH/${NODE}`, new Uint8Array([0xff, 0xff, 0xff]));
    expect(t.errors()).toMatchObject({ 'sparkplug-topic': 1, 'unknown-station': 1, protobuf: 1 });
  });

  it('resyncs seq after a lost connection instead of waiting for a gap', () => {
    t.nbirth(0);
    t.dbirth(1);
    t.engine.setSource({ kind: 'live', connected: true, connection: 'connected', url: 'mqtt://x' });
    t.engine.setSource({ kind: 'live', connected: false, connection: 'reconnecting', url: 'mqtt://x' });
    expect(t.station()?.stale).toBe(true);
    t.ddata(40, [{ alias: 13, type: 'Double', value: 40 }]);
    expect(t.station()).toMatchObject({ stale: false, metrics: { chamberTempC: 40 } });
  });
});
