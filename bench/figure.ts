/** One printed bench figure: `bench` names it, the rest are its numbers. */
export type BenchFigure = { bench: string } & Record<string, number | string | boolean>;

/** A bench group (`bench/*.bench.ts`): its default export reports figures as it measures them. */
export type BenchGroup = (report: (figure: BenchFigure) => void) => Promise<void>;

/**
 * Times `baseline` and `measured` in alternating rounds and keeps each one's fastest, so heap
 * growth, JIT warm-up or a scheduler hiccup on a shared machine favour neither side.
 */
export function compare(rounds: number, baseline: () => void, measured: () => void): { baselineMs: number; measuredMs: number } {
  let baselineMs = Infinity;
  let measuredMs = Infinity;
  for (let i = 0; i < rounds; i += 1) {
    let t0 = performance.now();
    baseline();
    baselineMs = Math.min(baselineMs, performance.now() - t0);
    t0 = performance.now();
    measured();
    measuredMs = Math.min(measuredMs, performance.now() - t0);
  }
  return { baselineMs, measuredMs };
}

export const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
