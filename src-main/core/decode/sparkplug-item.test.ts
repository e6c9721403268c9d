import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../shared/telemetry';
import { ManualClock } from '../clock';
import { Engine } from '../engine';
import { parsePlant } from '../plant/load-plant';
import { encodeSparkplugPayload, type UMetric } from './sparkplug-codec';
import { SparkplugDecoder } from './sparkplug-decoder';

const plant = parsePlant(JSON.parse(readFileSync(resolve(__dirname, '../../../assets/plants/tire-plant.json'), 'utf8')), 'tire-plant.json');
const group = plant.sparkplug?.groupId ?? '';

function setup() {
  const clock = new ManualClock(1_000_000);
  const engine = new Engine({ plant, clock, families: [new SparkplugDecoder(plant)] });
  const items: TelemetryEvent[] = [];
  engine.onEvent((e) => e.kind === 'item' && items.push(e));
  const send = (kind: string, metrics: UMetric[], seq: number, device?: string): void => {
    const topic = `spBv1.0/${group}/${kind}/curing${device ? `/${device}` : ''}`;
    engine.ingest({ topic, payload: encodeSparkplugPayload({ timestamp: clock.now(), seq, metrics }), receivedAt: clock.now(), retain: false, qos: 0 });
  };
  send('NBIRTH', [{ name: 'bdSeq', type: 'UInt64', value: 0 }], 0);
  // The birth declares `item` empty: no event from it.
  send('DBIRTH', [{ name: 'item', alias: 7, type: 'String', value: '' }], 1, 'CP-03');
  return { engine, items, send };
}

describe('Sparkplug item metric (JSON text, one event per metric entry)', () => {
  it('decodes each entry on the device it came from, with its own ts', () => {
    const { items, send } = setup();
    send(
      'DDATA',
      [
        { alias: 7, type: 'String', value: JSON.stringify({ ts: 999_000, item: 'E1', event: 'enter' }) },
        { alias: 7, type: 'String', value: JSON.stringify({ ts: 999_500, item: 'E1', event: 'test', values: { t: 1 }, verdict: 'pass' }) },
      ],
      2,
      'CP-03',
    );
    expect(items).toEqual([
      { kind: 'item', line: 'curing', station: 'CP-03', ts: 999_000, item: 'E1', event: 'enter' },
      { kind: 'item', line: 'curing', station: 'CP-03', ts: 999_500, item: 'E1', event: 'test', values: { t: 1 }, verdict: 'pass' },
    ]);
  });

  it('counts bad entries and keeps the good ones of the same message', () => {
    const { engine, items, send } = setup();
    send(
      'DDATA',
      [
        { alias: 7, type: 'String', value: '{not json' },
        { alias: 7, type: 'String', value: JSON.stringify({ item: 'E2', event: 'consume' }) },
        { alias: 7, type: 'String', value: JSON.stringify({ item: 'E2', event: 'leave' }) },
      ],
      2,
      'CP-03',
    );
    expect(items.map((e) => e.kind === 'item' && e.event)).toEqual(['leave']);
    expect(engine.counters.errorsByReason.toRecord()).toMatchObject({ 'invalid-json': 1, 'wrong-type': 1 });
  });
});
