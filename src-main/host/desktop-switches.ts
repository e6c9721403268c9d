/** The desktop app's own switches, as `linetwin start` and the Electron shell read them. */
export interface ShellArgs {
  kiosk?: boolean;
  exhibition?: boolean;
  walls?: boolean;
  idleMinutes?: number;
  /** A recording to open: the file the OS passed (file association, "Open with"). */
  recording?: string;
}

/**
 * The shell's switches on the command line (also what a second instance passes on). Chromium's
 * and Electron's own switches, and the app path, are left alone.
 */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const out: ShellArgs = {};
  for (const arg of argv) {
    if (arg === '--kiosk') out.kiosk = true;
    else if (arg === '--exhibition') out.exhibition = true;
    else if (arg === '--walls') out.walls = true;
    else if (arg.startsWith('--idle-minutes=')) {
      const n = Number(arg.slice('--idle-minutes='.length));
      if (Number.isInteger(n) && n >= 1 && n <= 120) out.idleMinutes = n;
    } else if (!arg.startsWith('-') && /\.mcap$/i.test(arg)) out.recording = arg;
  }
  return out;
}


/**
 * What `linetwin start` hands the browser host where the Electron runtime is missing: the
 * desktop app's switches left out and named (so the user is told, not refused), and a recording
 * given as a file (file association, "Open with") opened with `--replay`.
 */
export function browserHostArgs(argv: readonly string[]): { args: string[]; desktopOnly: string[] } {
  const args: string[] = [];
  const desktopOnly: string[] = [];
  argv.forEach((arg, i) => {
    const previous = argv[i - 1];
    // An option's value (`--replay x.mcap`) is passed on as it is; the desktop switches take none.
    const isValue = previous !== undefined && previous.startsWith('--') && !previous.includes('=') && !arg.startsWith('-') && Object.keys(parseShellArgs([previous])).length === 0;
    const shell = isValue ? {} : parseShellArgs([arg]);
    if (shell.recording !== undefined) args.push('--replay', shell.recording);
    else if (Object.keys(shell).length > 0 || arg.startsWith('--idle-minutes=')) desktopOnly.push(arg);
    else args.push(arg);
  });
  return { args, desktopOnly };
}
