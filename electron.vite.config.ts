import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY } from './src-main/shared/csp';

/** Station glTF models (`model` in a plant file) next to the built renderer, where the scene loads them. */
const copyStationModels = {
  name: 'linetwin-station-models',
  apply: 'build' as const,
  closeBundle(): void {
    const from = resolve(__dirname, 'assets/models');
    if (existsSync(from)) cpSync(from, resolve(__dirname, 'out/renderer/models'), { recursive: true });
  },
};

/**
 * The renderer's CSP as a `<meta>` in the built index.html, so the page is covered wherever it
 * is loaded from, not only where a response header is added. Build only: the dev server injects
 * an inline React refresh preamble that the policy would block.
 */
const cspMeta = {
  name: 'linetwin-csp-meta',
  apply: 'build' as const,
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' as const }],
};

export default defineConfig(({ mode }) => ({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli.ts'),
          'mqtt-ingest-worker': resolve(__dirname, 'src-main/core/source/mqtt-ingest-worker.ts'),
          'forecast-process': resolve(__dirname, 'src-main/sim/forecast/forecast-process.ts'),
          'trace-worker': resolve(__dirname, 'src-main/core/trace/trace-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        // A sandboxed preload is loaded as a classic script: it must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), copyStationModels, cspMeta],
    // `--mode test` (npm run build:test) builds in the scene test hook (`window.__linetwin`,
    // src-renderer/scene/scene-facts.ts) the e2e suites and the scene bench read; no other build has it.
    define: { 'import.meta.env.LINETWIN_TEST_HOOK': JSON.stringify(mode === 'test') },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
}));
