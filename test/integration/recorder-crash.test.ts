import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readIndexed, readStreaming, type ReadMessage } from '../support/mcap-read';

const ROOT = resolve(__dirname, '..', '..');
let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('flight recorder killed with SIGKILL', () => {
  it('leaves the earlier segments whole and the last one readable to within a second of the kill', async () => {
    dir = await mkdtemp(join(tmpdir(), 'linetwin-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'recorder-child.ts'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    // Mid-stream: four seconds of recording, a few segments done, one open.
    await new Promise<void>((done) => {
      let startedAt: number | undefined;
      child.stdout.on('data', () => {
        startedAt ??= Date.now();
        if (Date.now() - startedAt > 4000) done();
      });
    });
    const killedAt = Date.now();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const files = (await readdir(dir)).filter((f) => f.endsWith('.mcap')).sort();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const seen = new Set<number>();
    const add = (messages: ReadMessage[]) => {
      for (const m of messages) if (m.topic === 'test/tiny/L1/A/count') seen.add(JSON.parse(m.text).good as number);
    };
    for (const f of files.slice(0, -1)) {
      // Closed segments: the summary and indexes MCAP tools use are there.
      const seg = await readIndexed(join(dir, f));
      expect(seg.metadata.get('linetwin.plant')).toBeDefined();
      add(seg.messages);
    }
    const last = await readStreaming(join(dir, files.at(-1) as string));
    expect(last.complete).toBe(false);
    expect(last.metadata.get('linetwin.session')?.get('source')).toBe('live');
    add(last.messages);
    const lastLogTime = Math.max(...last.messages.map((m) => m.logTime));
    expect(lastLogTime).toBeGreaterThanOrEqual(killedAt - 1000);
    // Nothing missing before the loss at the end: every message up to the last one read.
    const max = Math.max(...seen);
    expect(seen.size).toBe(max + 1);
  });
});
