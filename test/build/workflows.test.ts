import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const { load } = createRequire(resolve(ROOT, 'node_modules', 'electron-builder', 'package.json'))('js-yaml') as { load(text: string): unknown };

interface Workflow {
  on: { push: { tags: string[] } };
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: Array<{ run?: string; uses?: string; if?: string }>; needs?: string; if?: string }>;
}

/** The workflows cannot run here; action-validator checks them against GitHub's schema instead. */
describe('GitHub workflows', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(`${file} is a valid workflow`, () => {
      const state = validateWorkflow(readFileSync(join(DIR, file), 'utf8'));
      expect(state.errors).toEqual([]);
    });
  }

  it('the validator does find mistakes (a job without runs-on, an unknown key)', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    steps:\n      - run: echo\n').errors.length).toBeGreaterThan(0);
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors.length).toBeGreaterThan(0);
  });

  it('tests and packages on Linux, Windows and macOS, with the Electron suite under xvfb, and releases on a tag', () => {
    const ci = load(readFileSync(join(DIR, 'ci.yml'), 'utf8')) as Workflow;
    const build = ci.jobs['test-and-package']!;
    expect(build.strategy?.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    const runs = build.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toContain('xvfb-run -a npm test');
    expect(runs).toContain('npm run dist -- --publish never');
    expect(runs.some((r) => r.startsWith('npm ci'))).toBe(true);
    expect(build.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    expect(ci.on.push.tags).toEqual(['v*']);
    expect(ci.jobs.release).toMatchObject({ needs: 'test-and-package', if: "startsWith(github.ref, 'refs/tags/v')" });
  });
});
