/** What a key does to the timeline. */
export type ReplayKeyAction =
  | { kind: 'bookmark' }
  | { kind: 'playPause' }
  | { kind: 'step'; ms: number }
  | { kind: 'speed'; dir: 1 | -1 }
  | { kind: 'jump'; marker: 'alarm' | 'bookmark'; dir: 1 | -1 };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Where the key was typed: keys typed into a field are the field's. */
  targetTag?: string;
  targetEditable?: boolean;
}

export const STEP_MS = 1000;
export const STEP_LONG_MS = 60_000;

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * The timeline's keys: B bookmarks (live and replay); in replay, Space plays or pauses, `.` steps
 * a second (Shift: a minute), `+`/`-` change speed, `[` `]` previous/next alarm, `{` `}` (Shift
 * with the brackets) previous/next bookmark. The 3D view keeps its own keys (digits, T, /, Esc).
 */
export function replayKeyAction(e: KeyLike, replaying: boolean): ReplayKeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  if (e.targetEditable || (e.targetTag !== undefined && FIELDS.has(e.targetTag.toUpperCase()))) return undefined;
  if (e.key === 'b' || e.key === 'B') return { kind: 'bookmark' };
  if (!replaying) return undefined;
  switch (e.key) {
    case ' ':
      return { kind: 'playPause' };
    case '.':
    case '>':
      return { kind: 'step', ms: e.shiftKey ? STEP_LONG_MS : STEP_MS };
    case '+':
    case '=':
      return { kind: 'speed', dir: 1 };
    case '-':
    case '_':
      return { kind: 'speed', dir: -1 };
    case '[':
      return { kind: 'jump', marker: e.shiftKey ? 'bookmark' : 'alarm', dir: -1 };
    case ']':
      return { kind: 'jump', marker: e.shiftKey ? 'bookmark' : 'alarm', dir: 1 };
    case '{':
      return { kind: 'jump', marker: 'bookmark', dir: -1 };
    case '}':
      return { kind: 'jump', marker: 'bookmark', dir: 1 };
    default:
      return undefined;
  }
}
