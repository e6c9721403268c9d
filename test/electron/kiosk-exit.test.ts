import { describe, expect, it } from 'vitest';
import { hashPin, KioskExitGuard, matchesChord, parseChord, PIN_LOCK_MS, PIN_TRIES, verifyPin, type KeyInput } from '../../src-main/electron/kiosk-exit';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, shift: false, alt: false, meta: false, ...mods });

describe('kiosk exit chord', () => {
  it('parses accelerator-style chords and refuses ones a visitor could hit by chance', () => {
    expect(parseChord('Ctrl+Alt+Shift+Q')).toEqual({ control: true, alt: true, shift: true, meta: false, key: 'Q' });
    expect(parseChord('CmdOrCtrl+Shift+F12', 'darwin')).toEqual({ control: false, alt: false, shift: true, meta: true, key: 'F12' });
    expect(parseChord('CmdOrCtrl+Shift+F12', 'win32')).toMatchObject({ control: true, meta: false });
    for (const bad of ['Q', 'Ctrl+Q', 'Escape', 'Ctrl+Ctrl+Q', 'Ctrl+Alt+', 'Ctrl+Alt+Tab', 'Hyper+Alt+Q', 'Ctrl+Alt+QQ']) expect(parseChord(bad), bad).toBeUndefined();
  });

  it('matches exactly the chord: same modifiers, key down, either letter case', () => {
    const chord = parseChord('Ctrl+Alt+Shift+Q')!;
    expect(matchesChord(key('Q', { control: true, alt: true, shift: true }), chord)).toBe(true);
    expect(matchesChord(key('q', { control: true, alt: true, shift: true }), chord)).toBe(true);
    expect(matchesChord({ ...key('Q', { control: true, alt: true, shift: true }), type: 'keyUp' }, chord)).toBe(false);
    expect(matchesChord(key('Q', { control: true, alt: true }), chord)).toBe(false);
    expect(matchesChord(key('Q', { control: true, alt: true, shift: true, meta: true }), chord)).toBe(false);
    expect(matchesChord(key('W', { control: true, alt: true, shift: true }), chord)).toBe(false);
  });
});

describe('kiosk exit PIN', () => {
  it('keeps only a salted hash and verifies against it', () => {
    const stored = hashPin('2468');
    expect(stored).not.toContain('2468');
    expect(hashPin('2468')).not.toBe(stored);
    expect(verifyPin('2468', stored)).toBe(true);
    expect(verifyPin('2469', stored)).toBe(false);
    expect(verifyPin('2468', 'plain:2468')).toBe(false);
    expect(verifyPin('2468', 'scrypt:AAAA:AAAA')).toBe(false);
  });

  it('leaves at once without a PIN; with one, only the right PIN leaves', () => {
    expect(new KioskExitGuard(undefined).attempt(undefined, 0)).toEqual({ outcome: 'exit' });
    const guard = new KioskExitGuard(hashPin('2468'));
    expect(guard.needsPin).toBe(true);
    expect(guard.attempt(undefined, 0)).toEqual({ outcome: 'wrong' });
    expect(guard.attempt('1111', 0)).toEqual({ outcome: 'wrong' });
    expect(guard.attempt('2468', 0)).toEqual({ outcome: 'exit' });
  });

  it('locks after repeated wrong PINs, longer each time, even against the right PIN', () => {
    const guard = new KioskExitGuard(hashPin('2468'));
    for (let i = 1; i < PIN_TRIES; i++) expect(guard.attempt('0000', 0)).toEqual({ outcome: 'wrong' });
    expect(guard.attempt('0000', 0)).toEqual({ outcome: 'wrong', retryAfterMs: PIN_LOCK_MS });
    expect(guard.attempt('2468', PIN_LOCK_MS - 1)).toEqual({ outcome: 'locked', retryAfterMs: 1 });
    for (let i = 0; i < PIN_TRIES; i++) guard.attempt('0000', PIN_LOCK_MS);
    expect(guard.attempt('2468', PIN_LOCK_MS + 1)).toMatchObject({ outcome: 'locked', retryAfterMs: 2 * PIN_LOCK_MS - 1 });
    expect(guard.attempt('2468', 3 * PIN_LOCK_MS)).toEqual({ outcome: 'exit' });
  });
});
