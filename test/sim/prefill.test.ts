import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { Engine } from '../../src-main/core/engine';
import { PlantSimulator, type SimRecord } from '../../src-main/sim/plant-simulator';
import { prefillEngine, shiftStartClock, SinkSwitch } from '../../src-main/sim/prefill';
import { applyScenario } from '../../src-main/sim/scenarios';
import { UnsEncoder } from '../../src-main/sim/uns-encoder';
import { collect, plant, START } from './sim-helpers';

const MIN = 60_000;

describe('demo start with the shift’s history (prefill)', () => {
  it('runs the shift so far into the engine on simulated time, then goes on live from the same state without a counter reset', async () => {
    const p = await plant('fridge-plant');
    // 06:30 local is half an hour into shift A (06:00).
    const wall = new ManualClock(START + 90 * MIN);
    const clock = shiftStartClock(p, wall);
    expect(clock.now()).toBe(START - 30 * MIN);
    const engine = new Engine({ plant: p, clock });
    const encoder = new UnsEncoder(p);
    const sink = new SinkSwitch(encoder);
    const sim = new PlantSimulator(p, sink, { seed: 5, start: clock.now() });
    const stats = prefillEngine(sim, sink, engine, clock, wall);

    expect(stats).toMatchObject({ from: START - 30 * MIN, to: START + 90 * MIN });
    expect(clock.prefilling).toBe(false);
    expect(engine.clock.now()).toBe(wall.now());
    const before = engine.snapshot();
    for (const [id, line] of Object.entries(before.lines)) {
      expect(line.shift?.output, id).toBeGreaterThan(0);
      expect(line.throughputPerHour, id).toBeGreaterThan(0);
      expect(line.oee.value, id).not.toBeNull();
      expect(engine.kpiTrend(id)?.t.length, id).toBe(120);
    }
    expect(before.alarms.filter((a) => a.state === 'RTN_UNACK')).toEqual([]);

    // Live: the encoder publishes to a broker stand-in whose messages the engine takes on the wall clock.
    const broker = collect();
    encoder.online('uns', broker);
    sim.announce();
    applyScenario(sim, 'demo');
    let delivered = 0;
    for (let t = wall.now(); t <= START + 100 * MIN; t += 1000) {
      wall.set(t);
      sim.advanceTo(t);
      for (; delivered < broker.messages.length; delivered += 1) {
        const m = broker.messages[delivered];
        if (!m) break;
        engine.ingest({ topic: m.topic, payload: typeof m.payload === 'string' ? new TextEncoder().encode(m.payload) : m.payload, receivedAt: t, retain: m.retain, qos: 0 });
      }
    }
    const after = engine.snapshot();
    for (const [id, line] of Object.entries(after.lines)) expect(line.shift?.output, id).toBeGreaterThanOrEqual(before.lines[id]?.shift?.output ?? Infinity);
    for (const [id, st] of Object.entries(after.stations)) expect(st.good, id).toBeGreaterThanOrEqual(before.stations[id]?.good ?? Infinity);
    expect(engine.counters.decodeErrors).toBe(0);
    // The demo's first incident came within the first minute of the live part.
    expect(after.alarms.some((a) => a.source === 'machine' || a.source === 'fault')).toBe(true);
  });

  it('puts a fault in the first minute of the demo scenario and again every few minutes, the same for a seed', async () => {
    const p = await plant('tire-plant');
    const faults = (seed: number): Array<{ station: string; ts: number }> => {
      const records: SimRecord[] = [];
      const sim = new PlantSimulator(p, { emit: (r) => void records.push(r) }, { seed, start: START, randomFaults: false, metricsPeriodMs: 600_000 });
      sim.begin();
      applyScenario(sim, 'demo');
      sim.advanceTo(START + 30 * MIN);
      return records.filter((r) => r.kind === 'state' && r.state === 'FAULT').map((r) => ({ station: r.station, ts: r.ts - START }));
    };
    const a = faults(3);
    expect(a[0]?.ts).toBeLessThan(MIN);
    expect(a.length).toBeGreaterThanOrEqual(3);
    // Each lasts four to five minutes, the next comes three to five minutes after the repair.
    expect((a[1]?.ts ?? 0) - (a[0]?.ts ?? 0)).toBeGreaterThanOrEqual(7 * MIN);
    expect((a[1]?.ts ?? Infinity) - (a[0]?.ts ?? 0)).toBeLessThanOrEqual(10 * MIN);
    expect(faults(3)).toEqual(a);
  });
});
