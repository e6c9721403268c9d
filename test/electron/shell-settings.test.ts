import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../src-main/host/desktop-switches';
import { applyArgs, DEFAULT_SHELL_SETTINGS, loadShellSettings, readShellSettings, saveShellSettings } from '../../src-main/electron/shell-settings';

describe('shell settings and switches', () => {
  it('round-trips through its file, and a bad field falls back alone', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'linetwin-shell-')), 'shell-settings.json');
    const mine = { ...DEFAULT_SHELL_SETTINGS, lang: 'en' as const, walls: true, idleMinutes: 5, exitChord: 'Ctrl+Alt+F12', pinHash: 'scrypt:a:b' };
    saveShellSettings(file, mine);
    expect(loadShellSettings(file)).toEqual(mine);
    writeFileSync(file, JSON.stringify({ ...mine, idleMinutes: 0, exitChord: 'Q', lang: 'fr', kiosk: 'yes', pinHash: '1234' }));
    const { pinHash: _dropped, ...rest } = mine;
    expect(loadShellSettings(file)).toEqual({ ...rest, idleMinutes: 3, exitChord: DEFAULT_SHELL_SETTINGS.exitChord, lang: DEFAULT_SHELL_SETTINGS.lang });
    expect(loadShellSettings(join(file, 'missing'))).toEqual(DEFAULT_SHELL_SETTINGS);
    expect(readShellSettings(null)).toEqual(DEFAULT_SHELL_SETTINGS);
  });

  it('reads --kiosk, --exhibition, --walls, --idle-minutes and a recording to open, ignoring Chromium switches', () => {
    const args = parseShellArgs(['/opt/LineTwin/linetwin', '--no-sandbox', '--kiosk', '--exhibition', '--walls', '--idle-minutes=7', '--user-data-dir=/tmp/x', '/home/li/night shift.MCAP']);
    expect(args).toEqual({ kiosk: true, exhibition: true, walls: true, idleMinutes: 7, recording: '/home/li/night shift.MCAP' });
    expect(parseShellArgs(['--idle-minutes=0', 'notes.txt'])).toEqual({});
    expect(applyArgs(DEFAULT_SHELL_SETTINGS, { kiosk: true, idleMinutes: 9 })).toEqual({ ...DEFAULT_SHELL_SETTINGS, kiosk: true, idleMinutes: 9 });
  });
});
