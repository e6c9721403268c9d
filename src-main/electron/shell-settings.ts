import { readFileSync, writeFileSync } from 'node:fs';
import type { ShellArgs } from '../host/desktop-switches';
import { DEFAULT_EXIT_CHORD, parseChord } from './kiosk-exit';

/** The shell's own settings (`shell-settings.json` under userData), what the menu changes. */
export interface ShellSettings {
  lang: 'en' | 'zh';
  kiosk: boolean;
  exhibition: boolean;
  /** A window on every connected display, each with its own view. */
  walls: boolean;
  /** Minutes without input before an exhibition window goes back to the tour. */
  idleMinutes: number;
  exitChord: string;
  /** Salted scrypt hash of the kiosk exit PIN; none: the chord alone leaves kiosk mode. */
  pinHash?: string;
  startAtLogin: boolean;
}

export const DEFAULT_SHELL_SETTINGS: ShellSettings = { lang: 'zh', kiosk: false, exhibition: false, walls: false, idleMinutes: 3, exitChord: DEFAULT_EXIT_CHORD, startAtLogin: false };

/** Each field read on its own: one bad value falls back to its default, not the whole file. */
export function readShellSettings(raw: unknown): ShellSettings {
  const s = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_SHELL_SETTINGS;
  const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
  const idle = s.idleMinutes;
  return {
    lang: s.lang === 'en' || s.lang === 'zh' ? s.lang : d.lang,
    kiosk: bool(s.kiosk, d.kiosk),
    exhibition: bool(s.exhibition, d.exhibition),
    walls: bool(s.walls, d.walls),
    idleMinutes: typeof idle === 'number' && Number.isInteger(idle) && idle >= 1 && idle <= 120 ? idle : d.idleMinutes,
    exitChord: typeof s.exitChord === 'string' && parseChord(s.exitChord) ? s.exitChord : d.exitChord,
    ...(typeof s.pinHash === 'string' && s.pinHash.startsWith('scrypt:') ? { pinHash: s.pinHash } : {}),
    startAtLogin: bool(s.startAtLogin, d.startAtLogin),
  };
}

export function loadShellSettings(file: string): ShellSettings {
  try {
    return readShellSettings(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_SHELL_SETTINGS };
  }
}

export function saveShellSettings(file: string, settings: ShellSettings): void {
  try {
    writeFileSync(file, JSON.stringify(settings, null, 1));
  } catch {
    // The session goes on with the settings in memory.
  }
}

/** Command-line switches win for this run; they are not saved. */
export function applyArgs(settings: ShellSettings, args: ShellArgs): ShellSettings {
  return {
    ...settings,
    ...(args.kiosk ? { kiosk: true } : {}),
    ...(args.exhibition ? { exhibition: true } : {}),
    ...(args.walls ? { walls: true } : {}),
    ...(args.idleMinutes !== undefined ? { idleMinutes: args.idleMinutes } : {}),
  };
}
