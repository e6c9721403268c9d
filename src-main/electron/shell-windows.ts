import { join } from 'node:path';
import { BrowserWindow, MessageChannelMain, screen } from 'electron';
import type { Runtime } from '../host/runtime';
import { formatWallView, IPC_SHELL_COMMAND_CHANNEL, sameWallView, VIEW_PARAM, type ShellCommand, type WallView } from '../shared/wall-view';
import { APP_INDEX_URL, isAppUrl } from './app-origin';
import { openStreamPort, type StreamPort } from './frame-port';
import { matchesChord, type KeyChord } from './kiosk-exit';
import { RendererRecovery, RendererWatch, type RecoveryDecision } from './renderer-recovery';
import type { RotatingLog } from './rotating-log';
import { assignWalls, loadWalls, rememberWall, saveWalls, type DisplayInfo, type Rect, type WallEntry, type WallPlacement } from './wall-layout';
import { mainWindowOptions } from './window-options';
import { loadWindowBounds, saveWindowBounds } from './window-state';

export interface ShellMode {
  kiosk: boolean;
  exhibition: boolean;
  walls: boolean;
  idleMinutes: number;
  shareUrl?: string;
}

export interface ShellWindowsOptions {
  runtime: Pick<Runtime, 'addFrameSink' | 'onPlant' | 'watchdog'>;
  preload: string;
  devServerUrl: string | undefined;
  userData: string;
  log: RotatingLog;
  mode(): ShellMode;
  exitChord(): KeyChord | undefined;
  /** The kiosk exit chord was pressed in this window. */
  onExitChord(win: BrowserWindow): void;
  /** A window gained focus or changed view: the menu shows its view. */
  onActiveChanged(): void;
}

interface ShellWindow {
  win: BrowserWindow;
  displayId: number;
  view: WallView;
  watch: RendererWatch;
  notice?: ShellCommand;
}

function toDisplayInfo(d: Electron.Display, primaryId: number): DisplayInfo {
  return { id: d.id, bounds: d.bounds, primary: d.id === primaryId };
}

/**
 * The shell's windows: one desk window, or one per connected display (walls), each with its own
 * view; all fed by the one runtime. A window's renderer that crashes or hangs is reloaded by its
 * RendererWatch while the engine keeps running and recording; each restart is counted in the
 * watchdog, logged, and told to the page once it is back.
 */
export class ShellWindows {
  private readonly windows: ShellWindow[] = [];
  private readonly recovery = new RendererRecovery();
  private readonly wallsFile: string;
  private readonly boundsFile: string;
  private remembered: WallEntry[];

  constructor(private readonly o: ShellWindowsOptions) {
    this.wallsFile = join(o.userData, 'walls.json');
    this.boundsFile = join(o.userData, 'window-state.json');
    this.remembered = loadWalls(this.wallsFile);
  }

  get all(): BrowserWindow[] {
    return this.windows.map((w) => w.win);
  }

  /** The window the menu and notifications act on: the focused one, else the control window, else the first. */
  get active(): BrowserWindow | undefined {
    const focused = this.windows.find((w) => w.win.isFocused());
    return (focused ?? this.windows.find((w) => w.view.kind === 'control') ?? this.windows[0])?.win;
  }

  viewOf(win: BrowserWindow | undefined): WallView {
    return this.windows.find((w) => w.win === win)?.view ?? { kind: 'control' };
  }

  private displays(): DisplayInfo[] {
    const primary = screen.getPrimaryDisplay().id;
    return screen.getAllDisplays().map((d) => toDisplayInfo(d, primary));
  }

  /** Opens the windows the mode asks for, or brings the set in line after a display or mode change. */
  async layout(): Promise<void> {
    const displays = this.displays();
    if (!this.o.mode().walls) {
      for (const w of this.windows.slice(1)) w.win.close();
      if (this.windows.length > 0) return;
      const bounds = loadWindowBounds(this.boundsFile);
      const on = bounds.x !== undefined && bounds.y !== undefined ? screen.getDisplayMatching({ x: bounds.x, y: bounds.y, width: bounds.width ?? 1, height: bounds.height ?? 1 }) : screen.getPrimaryDisplay();
      const display = displays.find((d) => d.id === on.id) ?? displays[0]!;
      const [placement] = assignWalls([display], this.remembered);
      await this.open({ display, view: placement?.view ?? { kind: 'control' }, bounds: bounds as Rect }, false);
      return;
    }
    const placements = assignWalls(displays, this.remembered);
    for (const w of [...this.windows]) if (!placements.some((p) => p.display.id === w.displayId)) w.win.close();
    await Promise.all(
      placements.map(async (p) => {
        const existing = this.windows.find((w) => w.displayId === p.display.id);
        if (existing) existing.win.setBounds(p.bounds);
        else await this.open(p, true);
      }),
    );
  }

  private pageUrl(view: WallView): string {
    const url = new URL(this.o.devServerUrl ?? APP_INDEX_URL);
    // The control UI is the page's own default: its address stays the plain index.
    if (view.kind !== 'control') url.searchParams.set(VIEW_PARAM, formatWallView(view));
    return url.toString();
  }

  private async open(p: WallPlacement | { display: DisplayInfo; view: WallView; bounds: Partial<Rect> }, wall: boolean): Promise<void> {
    const mode = this.o.mode();
    const win = new BrowserWindow({
      ...mainWindowOptions(this.o.preload, p.bounds),
      kiosk: mode.kiosk,
      // A wall on another screen fills it; the desk window stays a window.
      fullscreen: wall && !p.display.primary && !mode.kiosk,
    });
    const entry: ShellWindow = {
      win,
      displayId: p.display.id,
      view: p.view,
      watch: new RendererWatch(
        { reload: () => win.webContents.reload(), isDestroyed: () => win.isDestroyed() },
        this.recovery,
        {
          set: (fn, ms) => {
            const timer = setTimeout(fn, ms);
            return () => clearTimeout(timer);
          },
          now: () => Date.now(),
        },
        (d) => this.restarted(entry, d),
      ),
    };
    this.windows.push(entry);
    this.wire(entry);
    win.once('ready-to-show', () => win.show());
    await win.loadURL(this.pageUrl(p.view));
  }

  private restarted(entry: ShellWindow, d: RecoveryDecision): void {
    this.o.runtime.watchdog.rendererRestarted(d.reason);
    this.o.log.write('warn', `${d.reason}: window on display ${entry.displayId} (${formatWallView(entry.view)}) reloads in ${d.delayMs} ms; ${d.recent} failures in the last 10 min, ${d.restarts} restarts since start`);
    entry.notice = { kind: 'notice', code: 'renderer-restarted', restarts: d.restarts, reason: d.reason };
  }

  private wire(entry: ShellWindow): void {
    const { win } = entry;
    const contents = win.webContents;
    let port: StreamPort | undefined;
    let removeSink: (() => void) | undefined;
    let removePlant: (() => void) | undefined;
    const detach = (): void => {
      removeSink?.();
      removePlant?.();
      port?.close();
      removeSink = removePlant = port = undefined;
    };
    contents.on('did-finish-load', () => {
      detach();
      if (!isAppUrl(contents.getURL(), this.o.devServerUrl)) return;
      port = openStreamPort(contents, MessageChannelMain);
      const p = port;
      removeSink = this.o.runtime.addFrameSink(p.sink);
      removePlant = this.o.runtime.onPlant((plant) => p.post('plant', plant));
      this.sendTo(win, { kind: 'mode', ...this.o.mode() });
      if (entry.notice) this.sendTo(win, entry.notice);
      entry.notice = undefined;
    });
    contents.on('render-process-gone', (_event, details) => {
      detach();
      entry.watch.gone(details.reason);
    });
    win.on('unresponsive', () => entry.watch.unresponsive());
    win.on('responsive', () => entry.watch.responsive());
    contents.on('before-input-event', (event, input) => {
      const chord = this.o.exitChord();
      if (this.o.mode().kiosk && chord && matchesChord(input, chord)) {
        event.preventDefault();
        this.o.onExitChord(win);
      }
    });
    win.on('focus', () => this.o.onActiveChanged());
    win.on('close', () => this.remember(entry));
    win.on('closed', () => {
      detach();
      entry.watch.dispose();
      this.windows.splice(this.windows.indexOf(entry), 1);
    });
  }

  private remember(entry: ShellWindow): void {
    const display = this.displays().find((d) => d.id === entry.displayId);
    if (!display || entry.win.isDestroyed()) return;
    const bounds = entry.win.getBounds();
    const asWindow = !entry.win.isFullScreen() && !this.o.mode().kiosk;
    if (!this.o.mode().walls && asWindow) saveWindowBounds(this.boundsFile, bounds);
    this.remembered = rememberWall(this.remembered, display, entry.view, this.o.mode().walls && asWindow ? bounds : undefined);
    saveWalls(this.wallsFile, this.remembered);
  }

  /** Shows `view` in `win` and remembers it for that window's display. */
  async setView(win: BrowserWindow, view: WallView): Promise<void> {
    const entry = this.windows.find((w) => w.win === win);
    if (!entry || sameWallView(entry.view, view)) return;
    entry.view = view;
    this.remember(entry);
    this.o.onActiveChanged();
    await win.loadURL(this.pageUrl(view));
  }

  setKiosk(on: boolean): void {
    for (const { win } of this.windows) win.setKiosk(on);
  }

  sendTo(win: BrowserWindow, command: ShellCommand): void {
    if (!win.isDestroyed() && isAppUrl(win.webContents.getURL(), this.o.devServerUrl)) win.webContents.send(IPC_SHELL_COMMAND_CHANNEL, command);
  }

  broadcast(command: ShellCommand): void {
    for (const { win } of this.windows) this.sendTo(win, command);
  }

  /** Brings the active window to the front (a notification clicked, a second instance started). */
  focus(): BrowserWindow | undefined {
    const win = this.active;
    if (!win) return undefined;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  }

  /** Window facts for the power-save decision. */
  visibility(): Array<{ visible: boolean; minimized: boolean }> {
    return this.windows.map(({ win }) => ({ visible: win.isVisible(), minimized: win.isMinimized() }));
  }
}
