import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** The keys of Electron's `before-input-event` input a chord is matched against. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

export interface KeyChord {
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** Upper-case letter or digit, or a named key such as `F12` or `Escape`. */
  key: string;
}

/** Hard to press by chance on a touch screen or a visitor's keyboard, easy for staff to remember. */
export const DEFAULT_EXIT_CHORD = 'Ctrl+Alt+Shift+Q';

const MODIFIERS: Record<string, keyof Omit<KeyChord, 'key'>> = { ctrl: 'control', control: 'control', shift: 'shift', alt: 'alt', option: 'alt', meta: 'meta', cmd: 'meta', command: 'meta', super: 'meta' };

/**
 * `Ctrl+Alt+Shift+Q` style, as in Electron accelerators; `CmdOrCtrl` is Cmd on macOS. At least two
 * modifiers are required, so no single key a visitor presses leaves the kiosk.
 */
export function parseChord(text: string, platform: NodeJS.Platform = process.platform): KeyChord | undefined {
  const parts = text.split('+').map((p) => p.trim());
  const chord: KeyChord = { control: false, shift: false, alt: false, meta: false, key: '' };
  for (const [i, part] of parts.entries()) {
    const lower = part.toLowerCase();
    if (i < parts.length - 1) {
      const mod = lower === 'cmdorctrl' || lower === 'commandorcontrol' ? (platform === 'darwin' ? 'meta' : 'control') : MODIFIERS[lower];
      if (!mod || chord[mod]) return undefined;
      chord[mod] = true;
    } else if (/^[a-z0-9]$/i.test(part) || /^(f([1-9]|1[0-9]|2[0-4])|escape|home|end|insert|delete|pause)$/i.test(part)) {
      chord.key = part.length === 1 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1).toLowerCase();
    } else return undefined;
  }
  const mods = [chord.control, chord.shift, chord.alt, chord.meta].filter(Boolean).length;
  return chord.key && mods >= 2 ? chord : undefined;
}

export function matchesChord(input: KeyInput, chord: KeyChord): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.control !== chord.control || input.shift !== chord.shift || input.alt !== chord.alt || input.meta !== chord.meta) return false;
  const key = input.key.length === 1 ? input.key.toUpperCase() : input.key;
  return key.toLowerCase() === chord.key.toLowerCase();
}

const SCRYPT_KEYLEN = 32;

/** A PIN is kept only as a salted scrypt hash in the shell settings. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt:${salt.toString('base64')}:${scryptSync(pin, salt, SCRYPT_KEYLEN).toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length || SCRYPT_KEYLEN);
  return expected.length === SCRYPT_KEYLEN && timingSafeEqual(actual, expected);
}

export type ExitAttempt = { outcome: 'exit' } | { outcome: 'wrong'; retryAfterMs?: number } | { outcome: 'locked'; retryAfterMs: number };

/** Wrong PINs in a row before entry locks, and how long it locks for (doubling each time). */
export const PIN_TRIES = 5;
export const PIN_LOCK_MS = 60_000;

/** Guards the way out of kiosk mode: without a PIN the chord leaves it; with one, the PIN must match, and guessing locks. */
export class KioskExitGuard {
  private wrong = 0;
  private locks = 0;
  private lockedUntil = 0;

  constructor(private readonly pinHash: string | undefined) {}

  get needsPin(): boolean {
    return this.pinHash !== undefined;
  }

  attempt(pin: string | undefined, now: number): ExitAttempt {
    if (this.pinHash === undefined) return { outcome: 'exit' };
    if (now < this.lockedUntil) return { outcome: 'locked', retryAfterMs: this.lockedUntil - now };
    if (pin !== undefined && verifyPin(pin, this.pinHash)) {
      this.wrong = 0;
      this.locks = 0;
      return { outcome: 'exit' };
    }
    this.wrong += 1;
    if (this.wrong < PIN_TRIES) return { outcome: 'wrong' };
    this.wrong = 0;
    this.locks += 1;
    const retryAfterMs = PIN_LOCK_MS * 2 ** (this.locks - 1);
    this.lockedUntil = now + retryAfterMs;
    return { outcome: 'wrong', retryAfterMs };
  }
}
