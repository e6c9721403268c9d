import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The XDG autostart entry that starts LineTwin at login on Linux, where Electron's
 * `setLoginItemSettings` does nothing. An AppImage is started through its own file
 * (`APPIMAGE`), not the mount it runs from, which changes at every start.
 */
export function autostartEntry(execPath: string, appImage: string | undefined, args: readonly string[]): string {
  const quote = (s: string): string => (/^[\w./:=-]+$/.test(s) ? s : `"${s.replace(/(["`$\\])/g, '\\$1')}"`);
  const exec = [appImage ?? execPath, ...args].map(quote).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=LineTwin', `Exec=${exec}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

export function autostartFile(configHome: string): string {
  return join(configHome, 'autostart', 'linetwin.desktop');
}

/** Writes or removes the entry; the switches the app runs with now (kiosk, walls…) are kept for the next start. */
export function setLinuxAutostart(enabled: boolean, configHome: string, execPath: string, appImage: string | undefined, args: readonly string[]): void {
  const file = autostartFile(configHome);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(configHome, 'autostart'), { recursive: true });
  writeFileSync(file, autostartEntry(execPath, appImage, args));
}
