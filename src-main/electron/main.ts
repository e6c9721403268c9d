import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron';
import { ProfileStore } from '../core/profiles/profile-store';
import { startHost, type RunningHost } from '../host/http-server';
import { Runtime } from '../host/runtime';
import { LOCAL_OPERATOR } from '../shared/bridge';
import type { ShellRequest, WallView } from '../shared/wall-view';
import { aboutInfo } from './about';
import { utilityForecastLauncher } from './forecast-utility-process';
import { AlarmTray } from './alarm-tray';
import { APP_SCHEME } from './app-origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { keepDisplayAwake, pickLanAddress, shareUrl, visitorToken } from './exhibition-share';
import { registerBridgeIpc, registerShellIpc } from './ipc';
import { hashPin, KioskExitGuard, parseChord } from './kiosk-exit';
import { setLinuxAutostart } from './login-item';
import { buildMenuModel, type MenuCommand } from './menu-model';
import { RotatingLog } from './rotating-log';
import { createSafeStorageSecretStore } from './secret-store';
import { guardAllWebContents, hardenSession, isTrustedSender } from './security';
import { shellPaths } from './shell-paths';
import { toMenuTemplate } from './shell-menu';
import { parseShellArgs } from '../host/desktop-switches';
import { applyArgs, loadShellSettings, saveShellSettings, type ShellSettings } from './shell-settings';
import { ShellWindows } from './shell-windows';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const paths = shellPaths(__dirname);
const args = parseShellArgs(process.argv.slice(1));

// Privileges of a scheme can only be granted before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
guardAllWebContents(app, devServerUrl);

/** A recording handed over before the app was ready (macOS `open-file` comes early). */
let pendingRecording: string | undefined = args.recording;
const openFileEarly = (event: Electron.Event, path: string): void => {
  event.preventDefault();
  pendingRecording = path;
};
app.on('open-file', openFileEarly);

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession(session.defaultSession, devServerUrl);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));
  const userData = app.getPath('userData');
  const log = new RotatingLog({ dir: join(userData, 'logs') });
  const settingsFile = join(userData, 'shell-settings.json');
  let saved = loadShellSettings(settingsFile);
  // Switches on the command line hold for this run; the menu's changes are saved.
  let settings: ShellSettings = applyArgs(saved, args);
  const change = (patch: Partial<ShellSettings>): void => {
    settings = { ...settings, ...patch };
    saved = { ...saved, ...patch };
    saveShellSettings(settingsFile, saved);
  };
  log.write('info', `LineTwin ${app.getVersion()} starting (kiosk ${settings.kiosk}, exhibition ${settings.exhibition}, walls ${settings.walls})`);

  const runtime = await Runtime.start({
    plantsDir: app.isPackaged ? join(process.resourcesPath, 'plants') : paths.plantsDir,
    ingestWorker: paths.ingestWorker,
    profiles: new ProfileStore(join(userData, 'profiles.json'), createSafeStorageSecretStore(safeStorage)),
    dataDir: userData,
    demoNightShift: true,
    recording: { library: `linetwin ${app.getVersion()}` },
    // The window's own user picks recordings in the open dialog, from wherever they are.
    openAnyRecording: true,
    forecastLauncher: utilityForecastLauncher(utilityProcess),
  });
  const trusted = (event: Electron.IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame, devServerUrl);
  registerBridgeIpc(ipcMain, runtime, trusted, () => (settings.exhibition ? { role: 'viewer', name: 'Exhibition' } : LOCAL_OPERATOR));

  let share: { host: RunningHost; url: string } | undefined;
  const mode = () => ({ kiosk: settings.kiosk, exhibition: settings.exhibition, walls: settings.walls, idleMinutes: settings.idleMinutes, ...(share ? { shareUrl: share.url } : {}) });
  let exitGuard = new KioskExitGuard(settings.pinHash);
  const windows = new ShellWindows({
    runtime,
    preload: paths.preload,
    devServerUrl,
    userData,
    log,
    mode,
    exitChord: () => parseChord(settings.exitChord),
    onExitChord: (win) => leaveKiosk(win, undefined),
    onActiveChanged: () => refreshMenu(),
  });

  const refreshMenu = (): void => {
    const model = buildMenuModel({ ...settings, pinSet: settings.pinHash !== undefined, platform: process.platform, view: windows.viewOf(windows.active), lines: runtime.engine.plant.lines });
    Menu.setApplicationMenu(model.length > 0 ? Menu.buildFromTemplate(toMenuTemplate(model, (c) => void run(c))) : null);
  };

  /** What a PIN typed in the page is for, if a prompt is open. */
  let pinPurpose: 'exit' | 'set' | undefined;
  const leaveKiosk = (win: BrowserWindow, pin: string | undefined): void => {
    // The chord alone only opens the PIN prompt: pressing it is not a wrong guess.
    if (pin === undefined && exitGuard.needsPin) {
      pinPurpose = 'exit';
      windows.sendTo(win, { kind: 'ask-pin', purpose: 'exit' });
      return;
    }
    const outcome = exitGuard.attempt(pin, Date.now());
    pinPurpose = outcome.outcome === 'exit' ? undefined : 'exit';
    if (outcome.outcome === 'exit') {
      log.write('info', 'kiosk mode left by the exit chord');
      void setMode({ kiosk: false });
      return;
    }
    if (pin !== undefined) log.write('warn', `kiosk exit: ${outcome.outcome} PIN`);
    windows.sendTo(win, { kind: 'ask-pin', purpose: 'exit', ...(pin !== undefined ? { wrong: true } : {}), ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) });
  };

  const setPin = (pin: string | undefined): void => {
    pinPurpose = undefined;
    const { pinHash: _old, ...rest } = settings;
    settings = pin === undefined ? rest : { ...rest, pinHash: hashPin(pin) };
    const { pinHash: _saved, ...restSaved } = saved;
    saved = settings.pinHash === undefined ? restSaved : { ...restSaved, pinHash: settings.pinHash };
    saveShellSettings(settingsFile, saved);
    exitGuard = new KioskExitGuard(settings.pinHash);
    log.write('info', pin === undefined ? 'kiosk exit PIN removed' : 'kiosk exit PIN set');
    refreshMenu();
  };

  /** Visitors' phones open the browser view with a viewer token, where the stand has a network. */
  const updateShare = async (): Promise<void> => {
    if (settings.exhibition && !share) {
      const address = pickLanAddress(networkInterfaces());
      if (!address) return;
      const token = visitorToken();
      try {
        const host = await startHost({ runtime, rendererDir: paths.rendererDir, host: '0.0.0.0', tokens: [token], hostNames: [address] });
        share = { host, url: shareUrl(address, host.port, token) };
        log.write('info', `exhibition: browser view shared on ${address}:${host.port} (viewer token)`);
      } catch (err) {
        log.write('warn', `exhibition: sharing failed: ${(err as Error).message}`);
      }
    } else if (!settings.exhibition && share) {
      await share.host.close();
      share = undefined;
    }
  };

  let blocker: number | undefined;
  const updatePowerSave = (): void => {
    const awake = keepDisplayAwake(settings.walls || settings.kiosk || settings.exhibition, windows.visibility());
    if (awake && blocker === undefined) blocker = powerSaveBlocker.start('prevent-display-sleep');
    else if (!awake && blocker !== undefined) {
      powerSaveBlocker.stop(blocker);
      blocker = undefined;
    }
  };

  const setMode = async (patch: Partial<Pick<ShellSettings, 'kiosk' | 'exhibition' | 'walls'>>): Promise<void> => {
    change(patch);
    if (patch.kiosk !== undefined) windows.setKiosk(patch.kiosk);
    if (patch.walls !== undefined) await windows.layout();
    await updateShare();
    windows.broadcast({ kind: 'mode', ...mode() });
    refreshMenu();
    updatePowerSave();
  };

  const openRecording = async (path: string): Promise<void> => {
    try {
      await runtime.request('openRecording', { path }, LOCAL_OPERATOR);
      log.write('info', `recording opened: ${path}`);
    } catch (err) {
      log.write('warn', `recording not opened: ${path}: ${(err as Error).message}`);
      dialog.showErrorBox('LineTwin', `${path}\n${(err as Error).message}`);
    }
  };

  /** Login item on Windows and macOS; an XDG autostart entry on Linux, where Electron has none. */
  const applyStartAtLogin = (): void => {
    if (process.platform !== 'linux') app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
    else {
      const switches = process.argv.slice(1).filter((a) => ['--kiosk', '--exhibition', '--walls'].includes(a) || a.startsWith('--idle-minutes='));
      const configHome = process.env.XDG_CONFIG_HOME ?? join(app.getPath('home'), '.config');
      try {
        setLinuxAutostart(settings.startAtLogin, configHome, process.execPath, process.env.APPIMAGE, switches);
      } catch (err) {
        log.write('warn', `start at login: ${(err as Error).message}`);
      }
    }
  };

  const run = async (command: MenuCommand): Promise<void> => {
    switch (command.kind) {
      case 'open-recording': {
        const win = windows.active;
        const options = { properties: ['openFile' as const], filters: [{ name: 'MCAP', extensions: ['mcap'] }], defaultPath: app.isPackaged ? join(process.resourcesPath, 'recordings') : join(userData, 'recordings') };
        const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        if (!picked.canceled && picked.filePaths[0]) await openRecording(picked.filePaths[0]);
        return;
      }
      case 'quit':
        app.quit();
        return;
      case 'view': {
        const win = windows.active;
        if (win) await windows.setView(win, command.view satisfies WallView);
        return;
      }
      case 'lang':
        change({ lang: command.lang });
        windows.broadcast({ kind: 'lang', lang: command.lang });
        tray.relabel();
        refreshMenu();
        return;
      case 'toggle':
        if (command.setting === 'startAtLogin') {
          change({ startAtLogin: !settings.startAtLogin });
          applyStartAtLogin();
          refreshMenu();
        } else await setMode({ [command.setting]: !settings[command.setting] });
        return;
      case 'set-pin': {
        const win = windows.active;
        pinPurpose = 'set';
        if (win) windows.sendTo(win, { kind: 'ask-pin', purpose: 'set' });
        return;
      }
      case 'clear-pin':
        setPin(undefined);
        return;
      case 'open-logs':
        await shell.openPath(log.dir);
        return;
      case 'about': {
        const about = aboutInfo(settings.lang, app.getVersion(), process.versions, app.getPath('exe'), process.resourcesPath, process.platform);
        const win = windows.active;
        const box = { type: 'info' as const, title: 'LineTwin', message: about.message, detail: about.detail, buttons: ['OK', settings.lang === 'zh' ? '许可证' : 'Licences'] };
        const answer = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
        if (answer.response === 1) await shell.openPath(about.licenceFiles[0]!);
        return;
      }
    }
  };

  const onShellRequest = (request: ShellRequest, event: Electron.IpcMainInvokeEvent): unknown => {
    const win = BrowserWindow.fromWebContents(event.sender);
    switch (request.kind) {
      case 'hello':
        return { ...mode(), lang: settings.lang };
      case 'set-language':
        if (request.lang !== settings.lang) {
          change({ lang: request.lang });
          windows.broadcast({ kind: 'lang', lang: request.lang });
          tray.relabel();
          refreshMenu();
        }
        return null;
      case 'submit-pin':
        if (pinPurpose === 'set') setPin(request.pin);
        else if (pinPurpose === 'exit' && win && settings.kiosk) leaveKiosk(win, request.pin);
        return null;
      case 'cancel-pin':
        pinPurpose = undefined;
        return null;
    }
  };
  registerShellIpc(ipcMain, onShellRequest, trusted);

  const tray = new AlarmTray({
    lang: () => settings.lang,
    stationName: (id, lang) => runtime.engine.plant.lines.flatMap((l) => l.stations).find((s) => s.id === id)?.name[lang] ?? id,
    show: () => void windows.focus(),
    focusStation: (station) => {
      const win = windows.active;
      if (win) windows.sendTo(win, { kind: 'focus-station', station });
    },
    quiet: () => settings.exhibition,
  });
  runtime.addFrameSink(tray.sink);
  runtime.onPlant(() => refreshMenu());

  if (process.platform !== 'linux') app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
  await windows.layout();
  await updateShare();
  refreshMenu();
  updatePowerSave();
  // A display plugged in, removed or rearranged: each wall comes back with its remembered view.
  const relayout = (): void => {
    if (settings.walls) void windows.layout().then(updatePowerSave);
  };
  screen.on('display-added', relayout);
  screen.on('display-removed', relayout);
  screen.on('display-metrics-changed', relayout);
  setInterval(updatePowerSave, 5_000).unref();
  app.removeListener('open-file', openFileEarly);
  if (pendingRecording) await openRecording(pendingRecording);
  pendingRecording = undefined;
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openRecording(path);
  });

  app.on('second-instance', (_event, argv) => {
    windows.focus();
    const recording = parseShellArgs(argv).recording;
    if (recording) void openRecording(recording);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void windows.layout();
  });
  app.on('window-all-closed', () => {
    log.write('info', 'all windows closed: stopping');
    tray.destroy();
    void Promise.all([runtime.stop(), share?.host.close()]).finally(() => app.quit());
  });
}

main().catch((err: Error) => {
  process.stderr.write(`LineTwin failed to start: ${err.message}\n`);
  app.exit(1);
});
