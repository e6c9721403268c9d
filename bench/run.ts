import type { BenchFigure, BenchGroup } from './figure';
import frames from './frames.bench';
import forecast from './forecast.bench';
import liveIngest from './live-ingest.bench';
import losses from './losses.bench';
import memory from './memory.bench';
import pipeline from './pipeline.bench';
import record from './record.bench';
import replay from './replay.bench';
import scene from './scene.bench';
import trace from './trace.bench';

/**
 * Every bench group, run in turn, each printing one JSON line per figure. Listed here rather
 * than found on disk so the runner can be bundled: the engine is measured as the app ships it.
 */
const GROUPS: Record<string, BenchGroup> = { pipeline, frames, 'live-ingest': liveIngest, record, memory, scene, replay, losses, forecast, trace };
const only = process.argv.slice(2);

async function main(): Promise<void> {
  for (const [name, group] of Object.entries(GROUPS)) {
    if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
    await group((figure: BenchFigure) => process.stdout.write(`${JSON.stringify(figure)}\n`));
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
