import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layer-rule messages ESLint gives `code` as if it were the file at `path` (which need not exist). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'linetwin/layers' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const use = (source: string): string => `import * as x from '${source}';\nexport const y = x;\n`;

/** For each layer: an import it may make, and imports it may not. */
const CASES: Array<{ file: string; allowed: string[]; forbidden: string[] }> = [
  { file: 'src-main/shared/fixture.ts', allowed: ['./views'], forbidden: ['../core/engine', '../sim/embedded-broker', '../host/runtime', '../electron/main', '../cli', '../../src-renderer/App', 'electron'] },
  { file: 'src-main/core/kpi/fixture.ts', allowed: ['../../shared/views', '../engine', './kpi-engine'], forbidden: ['../../sim/sim-runner', '../../host/runtime', '../../electron/main', '../../../src-renderer/App', 'electron'] },
  { file: 'src-main/sim/fixture.ts', allowed: ['../core/engine', '../shared/views'], forbidden: ['../host/runtime', '../electron/main', '../cli', 'electron'] },
  { file: 'src-main/host/fixture.ts', allowed: ['../core/engine', '../sim/sim-runner', '../shared/views'], forbidden: ['../electron/main', '../cli', '../../src-renderer/App', 'electron'] },
  { file: 'src-main/electron/fixture.ts', allowed: ['../host/runtime', '../core/engine', '../shared/views', 'electron'], forbidden: ['../cli', '../../src-renderer/App'] },
  { file: 'src-renderer/panels/fixture.ts', allowed: ['../../src-main/shared/views', '../store/twin-store'], forbidden: ['../../src-main/core/engine', '../../src-main/host/runtime', '../../src-main/sim/sim-runner', '../../src-main/electron/preload', 'electron'] },
];

describe('the layer rules in eslint.config.mjs', () => {
  for (const { file, allowed, forbidden } of CASES) {
    it(`${file.split('/').slice(0, 2).join('/')}: reports each forbidden import, none of the allowed`, async () => {
      for (const source of allowed) expect(await layerErrors(file, use(source)), source).toEqual([]);
      for (const source of forbidden) expect(await layerErrors(file, use(source)), source).toHaveLength(1);
    });
  }

  it('checks re-exports and dynamic imports too', async () => {
    expect(await layerErrors('src-main/core/fixture.ts', "export * from '../host/runtime';\n")).toHaveLength(1);
    expect(await layerErrors('src-main/core/fixture.ts', "export const m = () => import('../sim/sim-runner');\n")).toHaveLength(1);
  });
});
