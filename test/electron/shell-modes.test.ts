import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FrameSink } from '../../src-main/core/frame-publisher';
import { Watchdog } from '../../src-main/host/watchdog';
import { IPC_REQUEST_CHANNEL } from '../../src-main/shared/bridge';
import type { Frame } from '../../src-main/shared/views';
import { IPC_SHELL_COMMAND_CHANNEL, IPC_SHELL_REQUEST_CHANNEL } from '../../src-main/shared/wall-view';
import { createElectronStandIn } from './electron-stand-in';

const standIn = createElectronStandIn();
const userData = standIn.module.app.userData;
// The shell starts in walls mode (as a control room would) on two displays.
writeFileSync(join(userData, 'shell-settings.json'), JSON.stringify({ walls: true, lang: 'zh' }));
standIn.displays.push({ id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } });

const sinks = new Set<FrameSink>();
const callers: unknown[] = [];
const watchdog = new Watchdog();
const fakeRuntime = {
  request: async (method: unknown, _params: unknown, caller: unknown) => {
    callers.push(caller);
    return { echoed: method };
  },
  addFrameSink: (sink: FrameSink) => {
    sinks.add(sink);
    return () => sinks.delete(sink);
  },
  onPlant: () => () => undefined,
  stop: async () => undefined,
  engine: { health: () => ({ ok: true }), plant: { lines: [{ id: 'curing', name: { zh: '硫化', en: 'Curing' }, stations: [{ id: 'press-1', name: { zh: '硫化机 1', en: 'Press 1' } }] }] } },
  watchdog,
};

vi.mock('electron', () => standIn.module);
// The stand's network, as the exhibition share sees it: loopback posing as the stand's Wi-Fi.
vi.mock('node:os', async (original) => ({ ...(await original<typeof import('node:os')>()), networkInterfaces: () => ({ wlan0: [{ address: '127.0.0.1', family: 'IPv4', internal: false }] }) }));
const runtimeOptions: Array<Record<string, unknown>> = [];
vi.mock('../../src-main/host/runtime', () => ({
  Runtime: {
    start: async (opts: Record<string, unknown>) => {
      runtimeOptions.push(opts);
      return fakeRuntime;
    },
  },
}));

type Item = { id?: string; label?: string; click?: () => void; submenu?: Item[] };
const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
const lastMenu = (): Item[] | null => standIn.menus.at(-1) as Item[] | null;
const menuItem = (id: string): Item => {
  const item = flat(lastMenu() ?? []).find((i) => i.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
};
const live = () => standIn.windows.filter((w) => !w.destroyed);
const commands = (w: (typeof standIn.windows)[number]) => w.webContents.sent.filter((s) => s.channel === IPC_SHELL_COMMAND_CHANNEL).map((s) => s.args[0] as { kind: string });
const APP_FRAME = { senderFrame: { url: 'app://linetwin/index.html', origin: 'app://linetwin', parent: null } };
const frame = (alarms: Frame['alarms']): Frame => ({ seq: 1, clock: 0, stations: {}, lines: {}, alarms, health: {} as Frame['health'] });

describe('the desktop shell in a control room (against a stand-in for Electron)', () => {
  beforeAll(async () => {
    await import('../../src-main/electron/main');
    await vi.waitFor(() => expect(live()).toHaveLength(2));
  });

  it('opens a window per display: the control UI on the primary, the whole plant on the other, filling it', () => {
    const [desk, wall] = live();
    expect(desk!.loadedUrl).toBe('app://linetwin/index.html');
    expect(wall!.loadedUrl).toBe('app://linetwin/index.html?view=plant');
    expect(wall!.options).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, fullscreen: true });
    for (const w of live()) expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it("starts forecast processes as Electron utility processes (the fuses forbid running Electron as Node), from the built script", () => {
    const launch = runtimeOptions[0]?.forecastLauncher as ((script: string) => unknown) | undefined;
    expect(launch).toBeTypeOf('function');
    expect(() => launch?.('/app/out/main/forecast-process.js')).toThrow('the stand-in starts no utility processes');
    expect(standIn.utilityForks).toEqual([{ modulePath: '/app/out/main/forecast-process.js', args: [], options: { serviceName: 'LineTwin forecast', stdio: 'inherit' } }]);
  });

  it('keeps the displays awake while walls show', () => {
    expect(standIn.powerBlocks.size).toBe(1);
  });

  it('has the menu in the saved UI language, and follows the page when it switches language', async () => {
    expect(menuItem('open-recording').label).toBe('打开录制…');
    const shellRequest = standIn.handlers.get(IPC_SHELL_REQUEST_CHANNEL)!;
    const wall = live()[1]!;
    await expect(shellRequest({ ...APP_FRAME, sender: wall.webContents }, { kind: 'set-language', lang: 'en' })).resolves.toEqual({ ok: true, result: null });
    expect(menuItem('open-recording').label).toBe('Open recording…');
    expect(commands(live()[0]!)).toContainEqual({ kind: 'lang', lang: 'en' });
    await expect(shellRequest({ senderFrame: { url: 'file:///x.html', origin: 'file://', parent: null } }, { kind: 'set-language', lang: 'zh' })).resolves.toEqual({ ok: false, error: 'untrusted sender' });
    await expect(shellRequest(APP_FRAME, { kind: 'run', cmd: 'rm -rf /' })).resolves.toEqual({ ok: false, error: 'bad shell request' });
  });

  it('shows the view picked from the menu in the active window and remembers it for that display', async () => {
    const wall = live()[1]!;
    wall.focused = true;
    menuItem('view:kpi').click!();
    await vi.waitFor(() => expect(wall.loadedUrl).toBe('app://linetwin/index.html?view=kpi'));
    const saved = JSON.parse(readFileSync(join(userData, 'walls.json'), 'utf8')) as Array<{ displayId: number; view: string }>;
    expect(saved.find((e) => e.displayId === 2)?.view).toBe('kpi');
    wall.focused = false;
  });

  it('closes the window of a display that goes away, and brings it back with its view when the display returns under a new id', async () => {
    const removed = standIn.displays.pop()!;
    standIn.screen.emit('display-removed', {}, removed);
    await vi.waitFor(() => expect(live()).toHaveLength(1));
    standIn.displays.push({ id: 9, bounds: removed.bounds });
    standIn.screen.emit('display-added', {}, standIn.displays[1]);
    await vi.waitFor(() => expect(live()).toHaveLength(2));
    expect(live()[1]!.loadedUrl).toBe('app://linetwin/index.html?view=kpi');
  });

  it('reloads a crashed renderer with a notice, counting the restart, while the engine goes on', async () => {
    const wall = live()[1]!;
    wall.webContents.emit('did-finish-load');
    const sinksBefore = sinks.size;
    wall.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(sinks.size).toBe(sinksBefore - 1);
    await vi.waitFor(() => expect(wall.webContents.reloads).toBe(1));
    expect(watchdog.figures().rendererRestarts).toBe(1);
    wall.webContents.emit('did-finish-load');
    expect(commands(wall).at(-1)).toEqual({ kind: 'notice', code: 'renderer-restarted', restarts: 1, reason: 'render process gone (crashed)' });
    expect(sinks.size).toBe(sinksBefore);
    await vi.waitFor(() => expect(readFileSync(join(userData, 'logs', 'shell.log'), 'utf8')).toMatch(/warn render process gone \(crashed\): window on display 9 \(kpi\)/));
  });

  it('announces a new priority 1 alarm natively, shows its priority in the tray, and focuses its station on click', () => {
    for (const s of sinks) s.send(frame([]));
    for (const s of sinks) s.send(frame([{ id: 'a1', station: 'press-1', priority: 1, state: 'UNACK_ACTIVE', text: 'Platen over temperature', activeSince: 0 }, { id: 'a3', station: 'press-1', priority: 3, state: 'UNACK_ACTIVE', text: 'low', activeSince: 0 }]));
    expect(standIn.notifications.map((n) => n.options.body)).toEqual(['P1 Press 1: Platen over temperature']);
    expect(standIn.trays.at(-1)!.tooltip).toBe('LineTwin: worst active alarm priority 1');
    standIn.notifications[0]!.emit('click');
    expect(commands(live()[0]!)).toContainEqual({ kind: 'focus-station', station: 'press-1' });
  });

  it('in an alarm flood shows the three most urgent and counts the rest in one notification', () => {
    const flood = Array.from({ length: 8 }, (_, i) => ({ id: `f${i}`, station: 'press-1', priority: (i < 2 ? 1 : 2) as 1 | 2, state: 'UNACK_ACTIVE' as const, text: `flood ${i}`, activeSince: 0 }));
    const before = standIn.notifications.length;
    for (const s of sinks) s.send(frame(flood));
    expect(standIn.notifications.slice(before).map((n) => n.options.body)).toEqual(['P1 Press 1: flood 0', 'P1 Press 1: flood 1', 'P2 Press 1: flood 2', 'and 5 more new alarms of priority 1–2']);
  });

  it('in kiosk mode has no menu and leaves by the exit chord (no PIN set)', async () => {
    menuItem('kiosk').click!();
    await vi.waitFor(() => expect(lastMenu()).toBeNull());
    expect(live().every((w) => w.kiosk)).toBe(true);
    const desk = live()[0]!;
    const stray = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    desk.webContents.emit('before-input-event', stray, { type: 'keyDown', key: 'q', control: true, alt: false, shift: false, meta: false });
    expect(stray.defaultPrevented).toBe(false);
    const chord = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    desk.webContents.emit('before-input-event', chord, { type: 'keyDown', key: 'Q', control: true, alt: true, shift: true, meta: false });
    expect(chord.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(live().every((w) => !w.kiosk)).toBe(true));
    expect(lastMenu()).not.toBeNull();
  });

  it('asks for the PIN once one is set, and leaves kiosk only with it', async () => {
    const shellRequest = standIn.handlers.get(IPC_SHELL_REQUEST_CHANNEL)!;
    const desk = live()[0]!;
    menuItem('set-pin').click!();
    expect(commands(desk).at(-1)).toEqual({ kind: 'ask-pin', purpose: 'set' });
    await shellRequest({ ...APP_FRAME, sender: desk.webContents }, { kind: 'submit-pin', pin: '2468' });
    expect(JSON.parse(readFileSync(join(userData, 'shell-settings.json'), 'utf8')).pinHash).toMatch(/^scrypt:/);
    menuItem('kiosk').click!();
    await vi.waitFor(() => expect(live().every((w) => w.kiosk)).toBe(true));
    for (let i = 0; i < 6; i++) desk.webContents.emit('before-input-event', { preventDefault() {} }, { type: 'keyDown', key: 'Q', control: true, alt: true, shift: true, meta: false });
    // Pressing the chord again and again only asks again: it never locks the PIN entry.
    expect(commands(desk).at(-1)).toEqual({ kind: 'ask-pin', purpose: 'exit' });
    await shellRequest({ ...APP_FRAME, sender: desk.webContents }, { kind: 'submit-pin', pin: '1111' });
    expect(commands(desk).at(-1)).toEqual({ kind: 'ask-pin', purpose: 'exit', wrong: true });
    expect(live().every((w) => w.kiosk)).toBe(true);
    await shellRequest({ ...APP_FRAME, sender: desk.webContents }, { kind: 'submit-pin', pin: '2468' });
    await vi.waitFor(() => expect(live().every((w) => !w.kiosk)).toBe(true));
  });

  it('in exhibition mode the window only watches, and phones get the browser view with a viewer token', async () => {
    const bridge = standIn.handlers.get(IPC_REQUEST_CHANNEL)!;
    await bridge(APP_FRAME, 'getPlant', undefined);
    expect(callers.at(-1)).toEqual({ role: 'operator' });
    menuItem('exhibition').click!();
    await vi.waitFor(() => expect(commands(live()[0]!).at(-1)).toMatchObject({ kind: 'mode', exhibition: true }));
    await bridge(APP_FRAME, 'ackAllAlarms', {});
    expect(callers.at(-1)).toEqual({ role: 'viewer', name: 'Exhibition' });
    const { shareUrl } = commands(live()[0]!).at(-1) as { shareUrl?: string };
    expect(shareUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const url = new URL(shareUrl!);
    const token = url.searchParams.get('token')!;
    const health = await fetch(new URL('/api/health', url), { headers: { Authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, watchdog: { rendererRestarts: 1 } });
    expect((await fetch(new URL('/api/health', url))).status).toBe(401);
    const act = await fetch(new URL('/api/alarms/ack', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"id":"a1"}' });
    expect(act.status).toBe(403);
    menuItem('exhibition').click!();
    await vi.waitFor(() => expect(commands(live()[0]!).at(-1)).toMatchObject({ kind: 'mode', exhibition: false }));
    await expect(fetch(new URL('/api/health', url))).rejects.toThrow();
  });

  it('sets start at login from the menu and keeps it', async () => {
    const xdg = join(userData, 'xdg');
    process.env.XDG_CONFIG_HOME = xdg;
    menuItem('startAtLogin').click!();
    if (process.platform === 'linux') expect(readFileSync(join(xdg, 'autostart', 'linetwin.desktop'), 'utf8')).toContain('Exec=');
    else expect(standIn.module.app.loginItem).toEqual({ openAtLogin: true });
    delete process.env.XDG_CONFIG_HOME;
    expect(JSON.parse(readFileSync(join(userData, 'shell-settings.json'), 'utf8')).startAtLogin).toBe(true);
    expect(existsSync(join(userData, 'logs', 'shell.log'))).toBe(true);
  });
});
