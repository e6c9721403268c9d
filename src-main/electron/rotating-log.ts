import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingLogOptions {
  dir: string;
  /** `shell.log`, then `shell.1.log` … `shell.{keep}.log`, oldest last. */
  name?: string;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
}

/**
 * The shell's log under userData (`logs/`), for weeks of running: a file past `maxBytes` moves
 * to `.1`, the older ones up one, the oldest deleted, so the folder never holds more than
 * `(keep + 1) × maxBytes`. Writes are synchronous and small, and a failed write is dropped
 * (counted) rather than disturbing the app.
 */
export class RotatingLog {
  readonly dir: string;
  private readonly name: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private size: number;
  dropped = 0;

  constructor(opts: RotatingLogOptions) {
    this.dir = opts.dir;
    this.name = opts.name ?? 'shell';
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.keep = opts.keep ?? 5;
    this.now = opts.now ?? (() => new Date());
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch {
      // Unwritable: every write is then counted as dropped; the app runs on.
    }
    this.size = existsSync(this.file(0)) ? statSync(this.file(0)).size : 0;
  }

  file(n: number): string {
    return join(this.dir, n === 0 ? `${this.name}.log` : `${this.name}.${n}.log`);
  }

  write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = `${this.now().toISOString()} ${level} ${message.replace(/[\r\n]+/g, ' ')}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file(0), line);
      this.size += bytes;
    } catch {
      this.dropped += 1;
    }
  }

  private rotate(): void {
    rmSync(this.file(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 0; n--) if (existsSync(this.file(n))) renameSync(this.file(n), this.file(n + 1));
    this.size = 0;
  }
}
