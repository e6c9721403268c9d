import { randomBytes } from 'node:crypto';

export type Log = (line: string) => void;

export const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

/**
 * Logs an unexpected exception and returns the id the client gets instead: exception messages
 * name files, addresses and internals that are no business of a browser.
 */
export function logInternalError(log: Log, err: unknown, context: string): string {
  const id = randomBytes(6).toString('hex');
  log(`linetwin: internal error ${id} (${context}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return id;
}
