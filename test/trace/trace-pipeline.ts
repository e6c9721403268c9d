import { mkdtempSync } from 'node:fs';
import { expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src-main/core/clock';
import { SparkplugDecoder } from '../../src-main/core/decode/sparkplug-decoder';
import { Engine } from '../../src-main/core/engine';
import { TraceStore } from '../../src-main/core/trace/trace-store';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { GenealogyTruth } from '../../src-main/sim/item-genealogy';
import { PlantSimulator } from '../../src-main/sim/plant-simulator';
import { applyScenario, type ScenarioName } from '../../src-main/sim/scenarios';
import { SparkplugEncoder } from '../../src-main/sim/sparkplug-encoder';
import { UnsEncoder } from '../../src-main/sim/uns-encoder';
import { collect, HOUR, START, type Published } from '../sim/sim-helpers';
import { builtTraceWorker } from '../support/trace-worker';

const encoded = (p: Published): Uint8Array => (typeof p.payload === 'string' ? new TextEncoder().encode(p.payload) : p.payload);

export interface TracedRun {
  sim: PlantSimulator;
  engine: Engine;
  store: TraceStore;
  clock: ManualClock;
}

/**
 * A simulated run through an encoder, the engine and the genealogy store, on simulated time:
 * the store sees exactly what a live host would. Process values every `metricsPeriodMs`.
 */
export async function tracedRun(
  p: PlantFile,
  opts: { format: 'uns' | 'sparkplug'; hours: number; scenario?: ScenarioName; seed?: number; metricsPeriodMs?: number; location?: string; stepMs?: number },
): Promise<TracedRun> {
  const encoder = opts.format === 'uns' ? new UnsEncoder(p) : new SparkplugEncoder(p);
  const sim = new PlantSimulator(p, encoder, { seed: opts.seed ?? 5, start: START, metricsPeriodMs: opts.metricsPeriodMs ?? 30_000, groundTruth: true });
  if (opts.scenario) applyScenario(sim, opts.scenario);
  const out = collect();
  for (const session of encoder.sessions) encoder.online(session, out);
  sim.begin();
  const clock = new ManualClock(START);
  const engine = new Engine({ plant: p, clock, families: p.sparkplug ? [new SparkplugDecoder(p)] : [] });
  const location = opts.location ?? join(mkdtempSync(join(tmpdir(), 'linetwin-trace-')), 'genealogy.sqlite');
  const store = await TraceStore.open({ workerFile: builtTraceWorker(), location, plant: p, clock, flushEveryMs: 1000 });
  engine.onEvent((e) => store.offer(e));
  let fed = 0;
  const step = opts.stepMs ?? 10_000;
  let flushedAt = START;
  for (let t = START; t <= START + opts.hours * HOUR; t += step) {
    clock.set(t);
    sim.advanceTo(t);
    for (; fed < out.messages.length; fed += 1) {
      const m = out.messages[fed] as Published;
      engine.ingest({ topic: m.topic, payload: encoded(m), receivedAt: t, retain: m.retain, qos: 0 });
    }
    out.messages.length = 0;
    fed = 0;
    engine.tick();
    if (t - flushedAt >= 10 * 60_000) {
      flushedAt = t;
      await store.flush();
    }
  }
  await store.flush();
  return { sim, engine, store, clock };
}

/** Compares every item's route and parts, and every lot's origin and parts, with what the simulator did. */
export async function expectTruth(run: TracedRun): Promise<{ items: number; lots: number }> {
  const truth = run.sim.genealogy.truth as GenealogyTruth;
  let items = 0;
  for (const [id, t] of truth.items) {
    const card = await run.store.queries.itemCard(id);
    expect(card, id).toBeDefined();
    if (!card) continue;
    expect(card.route.map((v) => [v.station, v.enter, v.leave, v.outcome]), id).toEqual(t.route.map((v) => [v.station, v.enter, v.leave, v.outcome]));
    expect(card.parts.map((p) => p.id).sort(), id).toEqual([...t.parts].sort());
    expect(card.parts.every((p) => p.flags.length === 0), id).toBe(true);
    if (t.route.length > 0) items += 1;
  }
  for (const [id, t] of truth.lots) {
    const lot = await run.store.queries.lotView(id);
    expect(lot?.lot.madeAt, id).toBe(t.station);
    expect(lot?.lot.madeTs, id).toBe(t.ts);
    expect(lot?.lot.kind, id).toBe(t.kind);
    expect(lot?.parts.map((p) => p.id).sort(), id).toEqual([...t.parts].sort());
  }
  return { items, lots: truth.lots.size };
}
