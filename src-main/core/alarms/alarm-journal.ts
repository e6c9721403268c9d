import { appendFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface JournalEntry {
  at: number;
  /** What happened: ACTIVE, RETURN, ACK, SHELVE, UNSHELVE, AUTO_UNSHELVE, OUT_OF_SERVICE, IN_SERVICE, SUPPRESSED, UNSUPPRESSED, CHATTERING, FLOOD. */
  event: string;
  id: string;
  station: string;
  priority: number;
  /** The ISA-18.2 state after the event. */
  state: string;
  text: string;
  by?: string;
  value?: number;
}

export interface JournalOptions {
  dir: string;
  name: string;
  /** A file is rotated when it reaches this size; `keepFiles` rotated files are kept. */
  maxFileBytes?: number;
  keepFiles?: number;
  /** Entries waiting for the disk; past this they are dropped and counted. */
  maxPending?: number;
  onDrop?: (reason: string, count: number) => void;
}

const CSV_COLUMNS = ['time', 'ts', 'event', 'id', 'station', 'priority', 'state', 'by', 'value', 'text'] as const;

/** Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula (machine text is untrusted). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function journalToCsv(entries: JournalEntry[]): string {
  const rows = entries.map((e) =>
    [new Date(e.at).toISOString(), String(e.at), e.event, e.id, e.station, String(e.priority), e.state, e.by ?? '', e.value === undefined ? '' : String(e.value), e.text]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * The alarm journal on disk: JSON lines, appended in the background so the pipeline never
 * waits for the disk, bounded by size through rotation (`name.jsonl`, `name.1.jsonl`, …).
 */
export class AlarmJournal {
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private readonly maxFileBytes: number;
  private readonly keepFiles: number;
  private readonly maxPending: number;

  constructor(private readonly opts: JournalOptions) {
    this.maxFileBytes = opts.maxFileBytes ?? 4 * 1024 * 1024;
    this.keepFiles = opts.keepFiles ?? 3;
    this.maxPending = opts.maxPending ?? 10_000;
  }

  append(entry: JournalEntry): void {
    if (this.pending.length >= this.maxPending) {
      this.opts.onDrop?.('alarm-journal', 1);
      return;
    }
    this.pending.push(`${JSON.stringify(entry)}\n`);
    if (!this.scheduled) {
      this.scheduled = true;
      this.writing = this.writing.then(() => this.drain());
    }
  }

  /** Resolves when everything appended so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  /** Every entry still on disk, oldest first. */
  async read(): Promise<JournalEntry[]> {
    await this.flush();
    const out: JournalEntry[] = [];
    for (let i = this.keepFiles; i >= 0; i--) {
      const text = await readFile(this.file(i), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          out.push(JSON.parse(line) as JournalEntry);
        } catch {
          this.opts.onDrop?.('alarm-journal-unreadable', 1);
        }
      }
    }
    return out;
  }

  async toCsv(): Promise<string> {
    return journalToCsv(await this.read());
  }

  private file(index: number): string {
    return join(this.opts.dir, index === 0 ? `${this.opts.name}.jsonl` : `${this.opts.name}.${index}.jsonl`);
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    const lines = this.pending;
    const batch = lines.join('');
    this.pending = [];
    if (!batch) return;
    try {
      await mkdir(this.opts.dir, { recursive: true });
      const size = await stat(this.file(0)).then((s) => s.size, () => 0);
      if (size > 0 && size + Buffer.byteLength(batch) > this.maxFileBytes) await this.rotate();
      await appendFile(this.file(0), batch);
    } catch {
      this.opts.onDrop?.('alarm-journal-write', lines.length);
    }
  }

  private async rotate(): Promise<void> {
    await rm(this.file(this.keepFiles), { force: true });
    for (let i = this.keepFiles - 1; i >= 0; i--) {
      await rename(this.file(i), this.file(i + 1)).catch(() => undefined);
    }
  }
}
