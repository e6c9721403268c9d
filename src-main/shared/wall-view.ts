/**
 * What one desktop window shows: the full control UI, the whole plant, one line's preset, the
 * KPI board or the alarm list. The shell puts it in the window's URL (`?view=`), the renderer
 * reads it back, so a wall window needs nothing but its address to know its job.
 */
export type WallView = { kind: 'control' } | { kind: 'plant' } | { kind: 'line'; lineId: string } | { kind: 'kpi' } | { kind: 'alarms' };

export const VIEW_PARAM = 'view';

const LINE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export function formatWallView(view: WallView): string {
  return view.kind === 'line' ? `line:${view.lineId}` : view.kind;
}

/** Anything unreadable is the control UI: a window never comes up blank. */
export function parseWallView(text: string | null | undefined): WallView {
  if (text === 'plant' || text === 'kpi' || text === 'alarms' || text === 'control') return { kind: text };
  if (text?.startsWith('line:')) {
    const lineId = text.slice(5);
    if (LINE_ID.test(lineId)) return { kind: 'line', lineId };
  }
  return { kind: 'control' };
}

export function sameWallView(a: WallView, b: WallView): boolean {
  return formatWallView(a) === formatWallView(b);
}

/**
 * Main → renderer messages of the desktop shell (`window.twinShell`), beside the TwinBridge: the
 * shell's own modes and notices, which the browser view never gets.
 */
export type ShellCommand =
  | { kind: 'mode'; kiosk: boolean; exhibition: boolean; walls: boolean; idleMinutes: number; shareUrl?: string }
  | { kind: 'focus-station'; station: string }
  | { kind: 'lang'; lang: 'en' | 'zh' }
  /** `exit`: the PIN that leaves kiosk mode; `set`: a new PIN to keep. */
  | { kind: 'ask-pin'; purpose: 'exit' | 'set'; retryAfterMs?: number; wrong?: boolean }
  | { kind: 'notice'; code: 'renderer-restarted'; restarts: number; reason: string };

/** Renderer → main requests of `window.twinShell`. */
export type ShellRequest = { kind: 'set-language'; lang: 'en' | 'zh' } | { kind: 'submit-pin'; pin: string } | { kind: 'cancel-pin' } | { kind: 'hello' };

export const IPC_SHELL_REQUEST_CHANNEL = 'linetwin:shell-request';
export const IPC_SHELL_COMMAND_CHANNEL = 'linetwin:shell-command';

/** Requests from the page are untrusted input: anything else is refused before it reaches the shell. */
export function parseShellRequest(value: unknown): ShellRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === 'set-language' && (v.lang === 'en' || v.lang === 'zh')) return { kind: 'set-language', lang: v.lang };
  if (v.kind === 'submit-pin' && typeof v.pin === 'string' && /^[0-9]{4,12}$/.test(v.pin)) return { kind: 'submit-pin', pin: v.pin };
  if (v.kind === 'cancel-pin' || v.kind === 'hello') return { kind: v.kind };
  return undefined;
}

/** `window.twinShell`: the desktop shell's modes and notices, which the browser view never has. */
export interface ShellApi {
  request(request: ShellRequest): Promise<unknown>;
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** The local path of a file dropped on the window (a sandboxed page never sees paths itself). */
  pathForFile(file: File): string;
}

/** Of the files dropped on a window, the recording to open: the first `.mcap` with a path. */
export function droppedRecording<F extends { name: string }>(files: ArrayLike<F>, pathFor: (file: F) => string): string | undefined {
  for (const file of Array.from(files)) {
    if (!/\.mcap$/i.test(file.name)) continue;
    const path = pathFor(file);
    if (path) return path;
  }
  return undefined;
}
