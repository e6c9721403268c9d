import { describe, expect, it } from 'vitest';
import { browserHostArgs, parseShellArgs } from './desktop-switches';

describe('the desktop switches where Electron is missing', () => {
  it('leaves the desktop-only switches out and names them; a recording given as a file opens as --replay', () => {
    expect(browserHostArgs(['--kiosk', '--plant', 'a.json', '--walls', '--idle-minutes=5', '/data/night shift.mcap', '--exhibition'])).toEqual({
      args: ['--plant', 'a.json', '--replay', '/data/night shift.mcap'],
      desktopOnly: ['--kiosk', '--walls', '--idle-minutes=5', '--exhibition'],
    });
  });

  it('keeps an option’s own value, and an out-of-range idle time is still a desktop switch', () => {
    expect(browserHostArgs(['--replay', 'night.mcap', '--idle-minutes=0'])).toEqual({ args: ['--replay', 'night.mcap'], desktopOnly: ['--idle-minutes=0'] });
    expect(parseShellArgs(['--idle-minutes=0'])).toEqual({});
    expect(browserHostArgs(['--kiosk', '--walls', 'night.mcap'])).toEqual({ args: ['--replay', 'night.mcap'], desktopOnly: ['--kiosk', '--walls'] });
  });
});
