import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plantFlowGraph } from '../../src-main/core/losses/flow-graph';
import { analyseShift, lineLosses } from '../../src-main/core/losses/shift-losses';
import { loadPlantFile } from '../../src-main/core/plant/load-plant';
import { simulateShift } from '../../src-main/sim/loss-truth';
import { bottleneckBank, cascadeStation } from '../../src-main/sim/scenarios';
import { buildFlowGraph } from '../../src-main/sim/flow-graph';

const HOUR = 3_600_000;
/** 06:00 in Qingdao: shift A of the default calendar. */
const START = Date.UTC(2026, 0, 5, 22, 0);
const SHIFT = { id: 'A', start: START, end: START + 8 * HOUR };
const SEED = 7;

describe('loss analysis against the simulator’s ground truth (tire plant, one shift)', async () => {
  const plant = await loadPlantFile(join(__dirname, '../../assets/plants/tire-plant.json'));
  const graph = plantFlowGraph(plant);

  it('fault cascade: the top root cause is the injected fault, and its lost units are within 10 % of what the output lost', () => {
    const normal = simulateShift(plant, 'normal', SEED, START, 8 * HOUR);
    const faulted = simulateShift(plant, 'fault-cascade', SEED, START, 8 * HOUR);
    const injected = cascadeStation(buildFlowGraph(plant));
    // The presses are the plant's constraint: what they lose, the plant loses.
    const line = 'curing';
    const lost = (normal.output[line] ?? 0) - (faulted.output[line] ?? 0);
    expect(lost).toBeGreaterThan(20);
    const view = lineLosses(analyseShift(plant, graph, faulted.log, SHIFT, SHIFT.end), line);
    const top = view.pareto[0];
    expect(top).toMatchObject({ station: injected, category: 'fault', reason: 'Main drive overload trip', occurrences: 1 });
    expect(Math.abs((top?.lostUnits ?? 0) - lost) / lost).toBeLessThan(0.1);
  });

  it('bottleneck scenario: the band names the slowed bank', () => {
    const slowed = bottleneckBank(buildFlowGraph(plant));
    const run = simulateShift(plant, 'bottleneck', SEED, START, 8 * HOUR);
    const view = lineLosses(analyseShift(plant, graph, run.log, SHIFT, SHIFT.end), 'finishing');
    expect(view.bottleneck.main?.bank).toBe(slowed.key);
    expect(view.bottleneck.main?.share).toBeGreaterThan(0.5);
  });

  it('a bank slowed below the presses’ pace becomes the bottleneck the band names', () => {
    const builders = buildFlowGraph(plant).banks.find((b) => b.type === 'tire-builder');
    expect(builders).toBeDefined();
    const run = simulateShift(plant, 'normal', SEED, START, 8 * HOUR, (sim) => builders?.stations.forEach((s) => sim.setCycleFactor(s.id, 2.5)));
    const view = lineLosses(analyseShift(plant, graph, run.log, SHIFT, SHIFT.end), 'curing');
    expect(view.bottleneck.main?.bank).toBe(builders?.key);
    // The presses now starve for want of green tires: the builders are charged as slow.
    expect(view.pareto[0]).toMatchObject({ station: builders?.key, category: 'slow' });
  });
});
