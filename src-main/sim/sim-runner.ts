import mqtt from 'mqtt';
import type { PlantFile } from '../shared/plant-schema';
import { PlantSimulator } from './plant-simulator';

export interface SimRunOptions {
  brokerUrl: string;
  plant: PlantFile;
  seed: number;
  /** Simulated seconds per wall-clock second. */
  speed: number;
  tickMs?: number;
}

export interface SimRun {
  stop(): Promise<void>;
}

/** Runs the simulator against a broker in (scaled) real time. */
export async function runSimulator(opts: SimRunOptions): Promise<SimRun> {
  const client = await mqtt.connectAsync(opts.brokerUrl, { clientId: `linetwin-sim-${opts.seed}`, reconnectPeriod: 1000 });
  const wallStart = Date.now();
  const sim = new PlantSimulator(opts.plant, client, { seed: opts.seed, start: wallStart });
  sim.begin(wallStart);
  const timer = setInterval(() => sim.advanceTo(wallStart + (Date.now() - wallStart) * opts.speed), opts.tickMs ?? 100);
  return {
    async stop() {
      clearInterval(timer);
      await client.endAsync();
    },
  };
}
