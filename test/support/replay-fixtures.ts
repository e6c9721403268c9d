import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src-main/core/engine';
import { ReplayPlayer } from '../../src-main/core/replay/replay-player';
import { RecordingSource } from '../../src-main/core/replay/recording-source';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import { engineFor } from './mcap-test-writer';

export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `linetwin-${name}-`));

/** Everything a user sees of the engine at its clock: stations, lines, alarms, timelines, trends. */
export function seen(engine: Engine): unknown {
  const stations = engine.plant.lines.flatMap((l) => l.stations.map((s) => s.id));
  return {
    snapshot: engine.snapshot(),
    timeline: engine.stateTimeline(stations),
    trends: engine.plant.lines.map((l) => engine.kpiTrend(l.id)),
    counters: { messages: engine.counters.messages, decodeErrors: engine.counters.decodeErrors },
  };
}

export async function openPlayer(plant: PlantFile, path: string, opts: { wall?: { now(): number } } = {}): Promise<ReplayPlayer> {
  const source = await RecordingSource.open(path);
  const player = new ReplayPlayer({ source, engine: engineFor(plant), autoPump: false, wall: opts.wall });
  await player.start();
  return player;
}

/** A deterministic spread of times in [from, to]. */
export function spreadTimes(from: number, to: number, n: number, seed = 11): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out.push(Math.round(from + (s / 2 ** 31) * (to - from)));
  }
  return out;
}
