import { ROOT } from './root';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeSparkplugPayload, type UMetric } from '../src-main/core/decode/sparkplug-codec';
import { parsePlant } from '../src-main/core/plant/load-plant';
import type { PlantFile } from '../src-main/shared/plant-schema';
import { Rng } from '../src-main/core/rng';

export type DemoPlantName = 'tire-plant' | 'fridge-plant';

export function demoPlant(name: DemoPlantName): PlantFile {
  const file = resolve(ROOT, 'assets', 'plants', `${name}.json`);
  return parsePlant(JSON.parse(readFileSync(file, 'utf8')), file);
}

export const tirePlant = (): PlantFile => demoPlant('tire-plant');

export interface BenchMessage {
  topic: string;
  payload: Uint8Array;
}

const stationsOf = (plant: PlantFile) => plant.lines.flatMap((l) => l.stations.map((s) => ({ line: l.id, station: s.id })));
const STATES = ['RUNNING', 'RUNNING', 'RUNNING', 'IDLE', 'STARVED', 'BLOCKED', 'FAULT'];

/** A UNS JSON stream like the simulator's: mostly metrics, counts, some state changes. */
export function unsMessages(plant: PlantFile, n: number, seed = 7): BenchMessage[] {
  const rng = new Rng(seed);
  const stations = stationsOf(plant);
  const good = new Map<string, number>();
  const enc = new TextEncoder();
  const out: BenchMessage[] = [];
  for (let i = 0; i < n; i += 1) {
    const { line, station } = stations[i % stations.length] as { line: string; station: string };
    const base = `${plant.uns.prefix}/${line}/${station}`;
    const ts = 1_700_000_000_000 + i;
    const r = rng.next();
    let topic: string;
    let body: unknown;
    if (r < 0.6) {
      topic = `${base}/metrics`;
      body = { ts, values: { platenTempC: rng.between(170, 180), steamPressureBar: rng.between(13, 15), elapsedS: Math.floor(rng.between(0, 900)) } };
    } else if (r < 0.9) {
      const g = (good.get(station) ?? 0) + 1;
      good.set(station, g);
      topic = `${base}/count`;
      body = { ts, good: g, reject: Math.floor(g / 50) };
    } else {
      topic = `${base}/state`;
      body = { ts, state: STATES[Math.floor(rng.next() * STATES.length)] };
    }
    // mqtt.js hands over each topic as a flat string decoded from the packet, not a template concatenation.
    out.push({ topic: Buffer.from(topic).toString('utf8'), payload: enc.encode(JSON.stringify(body)) });
  }
  return out;
}

/** Sparkplug births for every line and station, then `n` aliased DDATA messages in seq order. */
export function sparkplugStream(plant: PlantFile, n: number, seed = 7): { births: BenchMessage[]; data: BenchMessage[] } {
  const group = plant.sparkplug?.groupId ?? 'bench';
  const rng = new Rng(seed);
  const births: BenchMessage[] = [];
  const seq = new Map<string, number>();
  const nextSeq = (line: string): number => {
    const s = seq.get(line) ?? 0;
    seq.set(line, (s + 1) % 256);
    return s;
  };
  const aliasBase = new Map<string, number>();
  for (const line of plant.lines) {
    births.push({ topic: `spBv1.0/${group}/NBIRTH/${line.id}`, payload: encodeSparkplugPayload({ timestamp: 0, seq: nextSeq(line.id), metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }) });
    line.stations.forEach((s, i) => {
      const base = 100 + i * 10;
      aliasBase.set(s.id, base);
      const metrics: UMetric[] = [
        { name: 'state', alias: base, type: 'String', value: 'RUNNING' },
        { name: 'good', alias: base + 1, type: 'UInt64', value: 0 },
        { name: 'reject', alias: base + 2, type: 'UInt64', value: 0 },
        { name: 'platenTempC', alias: base + 3, type: 'Double', value: 175 },
        { name: 'alarm/TEMP_HIGH', alias: base + 4, type: 'Boolean', value: false },
      ];
      births.push({ topic: `spBv1.0/${group}/DBIRTH/${line.id}/${s.id}`, payload: encodeSparkplugPayload({ timestamp: 0, seq: nextSeq(line.id), metrics }) });
    });
  }
  const stations = stationsOf(plant);
  const data: BenchMessage[] = [];
  for (let i = 0; i < n; i += 1) {
    const { line, station } = stations[i % stations.length] as { line: string; station: string };
    const base = aliasBase.get(station) ?? 0;
    const metrics: UMetric[] = [
      { alias: base + 3, type: 'Double', value: rng.between(170, 180) },
      { alias: base + 1, type: 'UInt64', value: i },
    ];
    data.push({ topic: `spBv1.0/${group}/DDATA/${line}/${station}`, payload: encodeSparkplugPayload({ timestamp: 1_700_000_000_000 + i, seq: nextSeq(line), metrics }) });
  }
  return { births, data };
}
