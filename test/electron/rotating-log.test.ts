import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingLog } from '../../src-main/electron/rotating-log';
import { Watchdog } from '../../src-main/host/watchdog';

describe('rotated shell log', () => {
  it('rotates past its size, keeps a bounded number of files, newest in shell.log', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'linetwin-log-')), 'logs');
    const log = new RotatingLog({ dir, maxBytes: 200, keep: 2, now: () => new Date(0) });
    for (let i = 0; i < 40; i++) log.write('info', `line ${i} ${'x'.repeat(20)}`);
    expect(readdirSync(dir).sort()).toEqual(['shell.1.log', 'shell.2.log', 'shell.log']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(200);
    expect(readFileSync(log.file(0), 'utf8')).toContain('line 39');
    expect(readFileSync(log.file(0), 'utf8').split('\n')[0]).toMatch(/^1970-01-01T00:00:00.000Z info line \d+ x+$/);
    expect(log.dropped).toBe(0);
  });

  it('keeps one entry on one line, and picks up the size of the log it continues', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-log-'));
    new RotatingLog({ dir, maxBytes: 100 }).write('error', 'two\nlines');
    expect(readFileSync(join(dir, 'shell.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    const again = new RotatingLog({ dir, maxBytes: 100 });
    again.write('warn', 'y'.repeat(80));
    expect(existsSync(join(dir, 'shell.1.log'))).toBe(true);
  });
});

describe('watchdog figures', () => {
  it('counts uptime on a monotonic clock and each renderer restart with its reason', () => {
    let mono = 1_000;
    const dog = new Watchdog(() => mono, () => new Date(Date.UTC(2026, 0, 1)));
    mono += 61_500;
    dog.rendererRestarted('render process gone (crashed)');
    expect(dog.figures()).toEqual({
      uptimeSeconds: 61,
      startedAt: '2026-01-01T00:00:00.000Z',
      rendererRestarts: 1,
      lastRendererRestart: { at: '2026-01-01T00:00:00.000Z', reason: 'render process gone (crashed)' },
    });
  });
});
