import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost } from '../e2e/support/host-process';
import { type BenchGroup, round } from './figure';
import { ROOT } from './root';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Simulated time runs this much faster than real time: the busiest the demo plants get. */
const SIM_SPEED = 10;
const SAMPLE_FRAMES = 300;
const BUDGET = { drawCalls: 150, updateMs: 2 };

/** What the page offers, typed here because the bench compiles without the DOM library. */
interface PageGlobals {
  __linetwin?: { scene(): { frames: number; lastFrameMs: number; drawCalls: number; triangles: number; stations: Record<string, { stale: boolean }> } };
  requestAnimationFrame(cb: () => void): number;
}

/**
 * Draw calls, triangles and the scene's per-frame JS update time (the timed scene loop, see
 * src-renderer/scene/frame-loop.ts) for each demo plant with the simulator at full rate, in
 * headless Chromium with SwiftShader: a software GPU, so frame rate is not a figure here.
 */
const sceneBench: BenchGroup = async (report) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] });
  try {
    for (const plant of ['tire', 'fridge']) {
      const host = await startHost(['--demo', '--speed', String(SIM_SPEED), '--plant', join(ROOT, 'assets/plants', `${plant}-plant.json`)]);
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
        await page.goto(host.url);
        await page.waitForFunction(() => Object.values((globalThis as unknown as PageGlobals).__linetwin?.scene().stations ?? {}).some((s) => !s.stale), null, { timeout: 60_000 });
        // Warm-up: JIT, shader compiles and the first label layout are not steady state.
        await page.waitForTimeout(5000);
        const samples = await page.evaluate(async (n) => {
          const g = globalThis as unknown as PageGlobals;
          const out: Array<{ ms: number; calls: number; tris: number }> = [];
          let last = -1;
          while (out.length < n) {
            await new Promise<void>((r) => g.requestAnimationFrame(() => r()));
            const f = g.__linetwin?.scene();
            if (!f || f.frames === last) continue;
            last = f.frames;
            out.push({ ms: f.lastFrameMs, calls: f.drawCalls, tris: f.triangles });
          }
          return out;
        }, SAMPLE_FRAMES);
        const health = (await (await fetch(`${host.url}api/health`)).json()) as { stats: { messagesPerSecond: number } };
        const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
        const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
        report({
          bench: `scene-${plant}`,
          drawCalls: Math.max(...samples.map((s) => s.calls)),
          budgetDrawCalls: BUDGET.drawCalls,
          triangles: Math.max(...samples.map((s) => s.tris)),
          updateMs: round(mean, 3),
          updateMsP95: round(ms[Math.floor(ms.length * 0.95)] ?? 0, 3),
          updateMsMax: round(ms[ms.length - 1] ?? 0, 3),
          budgetUpdateMs: BUDGET.updateMs,
          frames: samples.length,
          messagesPerSecond: health.stats.messagesPerSecond,
        });
        await page.close();
      } finally {
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
};

export default sceneBench;
