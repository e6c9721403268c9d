import { isAbsolute, join } from 'node:path';

/**
 * Where the headless host keeps its data when no `--data-dir` is given: the user's XDG data
 * folder, so instances of different users, and test runs with their own folder, never share one.
 */
export function defaultDataDir(env: Record<string, string | undefined>, home: string): string {
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec ignores a relative path here.
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'linetwin');
}

/** Each plant's alarm journal in its own folder: one plant's export never holds another's alarms. */
export function plantJournalDir(dataDir: string, plantId: string): string {
  return join(dataDir, plantId.replace(/[^A-Za-z0-9_-]/g, '_'), 'alarm-journal');
}

/** Each plant's genealogy store (embedded SQLite) in its own folder, beside its alarm journal. */
export function plantTraceFile(dataDir: string, plantId: string): string {
  return join(dataDir, plantId.replace(/[^A-Za-z0-9_-]/g, '_'), 'trace', 'genealogy.sqlite');
}
