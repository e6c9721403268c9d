import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchFigure, BenchGroup } from './figure';

// Every `bench/*.bench.ts` is a group; each is run in turn and prints one JSON line per figure.
const groups = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const only = process.argv.slice(2);

async function main(): Promise<void> {
  for (const file of groups) {
    if (only.length > 0 && !only.some((name) => file.includes(name))) continue;
    const group = ((await import(join(__dirname, file))) as { default: BenchGroup }).default;
    await group((figure: BenchFigure) => process.stdout.write(`${JSON.stringify(figure)}\n`));
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
