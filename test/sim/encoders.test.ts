import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { SparkplugDecoder } from '../../src-main/core/decode/sparkplug-decoder';
import { decodeSparkplugPayload } from '../../src-main/core/decode/sparkplug-codec';
import { Engine } from '../../src-main/core/engine';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import { PlantSimulator } from '../../src-main/sim/plant-simulator';
import { alarmTextString } from '../../src-main/shared/alarm-text';
import { applyScenario, cascadeStation, type ScenarioName } from '../../src-main/sim/scenarios';
import type { SessionEncoder, Will } from '../../src-main/sim/session-encoder';
import { SparkplugEncoder } from '../../src-main/sim/sparkplug-encoder';
import { UnsEncoder } from '../../src-main/sim/uns-encoder';
import { collect, HOUR, plant, START, type Published } from './sim-helpers';

const encoded = (p: Published): Uint8Array => (typeof p.payload === 'string' ? new TextEncoder().encode(p.payload) : p.payload);

/** Runs a scenario through an encoder and into an engine, on the simulated clock. */
function pipe(p: PlantFile, encoder: SessionEncoder, scenario: ScenarioName, hours: number): { engine: Engine; sim: PlantSimulator; messages: Published[]; wills: Map<string, Will | undefined> } {
  const out = collect();
  const sim = new PlantSimulator(p, encoder, { seed: 3, start: START });
  applyScenario(sim, scenario);
  sim.begin();
  const wills = new Map<string, Will | undefined>();
  for (const session of encoder.sessions) {
    wills.set(session, encoder.will(session));
    encoder.online(session, out);
  }
  const clock = new ManualClock(START);
  const engine = new Engine({ plant: p, clock, families: [new SparkplugDecoder(p)] });
  let fed = 0;
  for (let t = START; t <= START + hours * HOUR; t += 1000) {
    clock.set(t);
    sim.advanceTo(t);
    for (; fed < out.messages.length; fed += 1) {
      const m = out.messages[fed] as Published;
      engine.ingest({ topic: m.topic, payload: encoded(m), receivedAt: t, retain: m.retain, qos: 0 });
    }
    engine.tick();
  }
  return { engine, sim, messages: out.messages, wills };
}

describe('simulator encoders against the pipeline decoders', () => {
  for (const format of ['uns', 'sparkplug'] as const) {
    for (const name of ['tire-plant', 'fridge-plant'] as const) {
      it(`${format}: every ${name} message decodes, alarms and items included`, async () => {
        const p = await plant(name);
        const encoder = format === 'uns' ? new UnsEncoder(p) : new SparkplugEncoder(p);
        const { engine, sim } = pipe(p, encoder, 'alarm-flood', 0.5);
        const health = engine.health();
        expect(health.stats.messages).toBeGreaterThan(10_000);
        expect(health.stats.decodeErrors).toBe(0);
        expect(health.stats.unknownTopics).toBe(0);
        const snapshot = engine.snapshot();
        for (const id of sim.stationIds()) {
          expect(snapshot.stations[id]?.state).toBe(sim.stationState(id));
          expect(snapshot.stations[id]?.stale).toBe(false);
          expect(snapshot.stations[id]?.good).toBe(sim.totals(id)?.good);
        }
      });
    }
  }

  it('sparkplug: births first, seq per node wrapping at 256, aliases only in DDATA, NDEATH Will matching bdSeq', async () => {
    const p = await plant('fridge-plant');
    const encoder = new SparkplugEncoder(p);
    const { engine, messages, wills } = pipe(p, encoder, 'normal', 0.5);
    const seqs = new Map<string, number>();
    const problems: string[] = [];
    for (const m of messages) {
      const [, , kind, node = ''] = m.topic.split('/');
      const payload = decodeSparkplugPayload(encoded(m));
      const seq = Number(payload.seq);
      if (kind === 'NBIRTH') {
        if (seq !== 0 || payload.metrics?.map((x) => x.name).join() !== 'bdSeq,Node Control/Rebirth') problems.push(`NBIRTH ${m.topic}`);
      } else if (!seqs.has(node) || seq !== ((seqs.get(node) ?? 0) + 1) % 256) {
        problems.push(`seq ${seq} after ${seqs.get(node)} on ${m.topic}`);
      }
      if (kind === 'DDATA' && payload.metrics?.some((x) => x.name || x.alias === undefined)) problems.push(`DDATA without alias on ${m.topic}`);
      seqs.set(node, seq);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    // Enough messages for seq to have wrapped on every node.
    expect(messages.length).toBeGreaterThan(256 * seqs.size);
    // A Will from a later session (a reconnect not yet born) is not this session's death: ignored.
    const next = encoder.will('test-pack');
    expect(Number(decodeSparkplugPayload(next.payload).metrics?.[0]?.value)).toBe(1);
    engine.ingest({ topic: next.topic, payload: next.payload, receivedAt: START + HOUR, retain: false, qos: 0 });
    expect(engine.snapshot().stations['PT-01']?.stale).toBe(false);
    const death = wills.get('test-pack');
    if (!death) throw new Error('no Will for test-pack');
    expect(death.topic).toBe('spBv1.0/qingdao-fridge/NDEATH/test-pack');
    engine.ingest({ topic: death.topic, payload: death.payload, receivedAt: START + HOUR, retain: false, qos: 0 });
    expect(engine.snapshot().stations['PT-01']?.stale).toBe(true);
    expect(engine.snapshot().stations['FA-01']?.stale).toBe(false);
  });
});

describe('simulator alarms through the pipeline: one alarm per fault, in the UI language', () => {
  for (const format of ['uns', 'sparkplug'] as const) {
    it(`${format}: the cascade fault (machine alarm and FAULT) is one alarm, in Chinese from the plant file`, async () => {
      const p = await plant('tire-plant');
      const { engine, sim } = pipe(p, format === 'uns' ? new UnsEncoder(p) : new SparkplugEncoder(p), 'fault-cascade', 0.15);
      const station = cascadeStation(sim.graph);
      expect(sim.stationState(station)).toBe('FAULT');
      const alarms = engine.snapshot().alarms.filter((a) => a.station === station);
      expect(alarms.map((a) => [a.state, a.text])).toEqual([['UNACK_ACTIVE', 'Equipment fault: Main drive overload trip']]);
      const message = alarms[0]?.message;
      if (!message) throw new Error('no structured message');
      expect(alarmTextString(message, 'zh')).toBe('设备故障：主驱动过载跳闸');
    });
  }

  it('sparkplug: a node death is a loss of data said in LineTwin’s words', async () => {
    const p = await plant('fridge-plant');
    const { engine, wills } = pipe(p, new SparkplugEncoder(p), 'normal', 0.05);
    const death = wills.get('test-pack');
    if (!death) throw new Error('no Will for test-pack');
    engine.ingest({ topic: death.topic, payload: death.payload, receivedAt: START + 0.05 * HOUR, retain: false, qos: 0 });
    expect(engine.alarms.view('PT-01:COMM')?.message).toEqual({ kind: 'message', key: 'commLost', detail: { kind: 'message', key: 'nodeDeath' } });
  });
});
