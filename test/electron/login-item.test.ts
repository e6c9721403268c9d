import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, setLinuxAutostart } from '../../src-main/electron/login-item';

describe('start at login on Linux (XDG autostart)', () => {
  it('starts the AppImage file itself with the switches, quoting what needs it', () => {
    expect(autostartEntry('/tmp/.mount_xyz/linetwin', '/opt/LineTwin 0.1.AppImage', ['--walls', '--kiosk'])).toContain('Exec="/opt/LineTwin 0.1.AppImage" --walls --kiosk\n');
    expect(autostartEntry('/usr/bin/linetwin', undefined, [])).toContain('Exec=/usr/bin/linetwin\n');
  });

  it('writes the entry when enabled and removes it when disabled', () => {
    const home = mkdtempSync(join(tmpdir(), 'linetwin-xdg-'));
    setLinuxAutostart(true, home, '/usr/bin/linetwin', undefined, ['--walls']);
    expect(readFileSync(autostartFile(home), 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\nName=LineTwin\nExec=\/usr\/bin\/linetwin --walls\n/);
    setLinuxAutostart(false, home, '/usr/bin/linetwin', undefined, []);
    expect(existsSync(autostartFile(home))).toBe(false);
  });
});
