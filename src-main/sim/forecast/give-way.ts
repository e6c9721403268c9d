import { readdirSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lowers the whole forecast process below the app's, so on a busy control-room PC its
 * replications give way to ingest. The whole process, not one thread: its garbage collector's
 * helper threads would otherwise compete with the engine's at normal priority (measured: a
 * thread of the app's own process lowered alone cost ingest 9 %). Linux keeps a nice value per
 * thread, so each of the process's threads is lowered; threads started later inherit it.
 * Returns how many threads were lowered (0 where the system refuses, e.g. a locked-down container).
 */
export function giveWayToIngest(platform: NodeJS.Platform = process.platform): number {
  const low = constants.priority.PRIORITY_LOW;
  const ids = platform === 'linux' ? threadIds() : [0];
  let lowered = 0;
  for (const id of ids) {
    try {
      setPriority(id, low);
      lowered += 1;
    } catch {
      // A thread that ended meanwhile, or a system that refuses: the forecast then runs at the app's priority.
    }
  }
  return lowered;
}

function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter(Number.isInteger);
  } catch {
    return [0];
  }
}
