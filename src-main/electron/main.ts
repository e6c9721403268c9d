import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, MessageChannelMain, protocol, safeStorage, session } from 'electron';
import { ProfileStore } from '../core/profiles/profile-store';
import { Runtime } from '../host/runtime';
import { APP_INDEX_URL, APP_SCHEME, isAppUrl } from './app-origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { registerBridgeIpc } from './ipc';
import { createSafeStorageSecretStore } from './secret-store';
import { openStreamPort, type StreamPort } from './frame-port';
import { guardAllWebContents, hardenSession, isTrustedSender } from './security';
import { shellPaths } from './shell-paths';
import { mainWindowOptions } from './window-options';
import { loadWindowBounds, saveWindowBounds } from './window-state';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const paths = shellPaths(__dirname);

// Privileges of a scheme can only be granted before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
guardAllWebContents(app, devServerUrl);

async function createWindow(runtime: Runtime): Promise<BrowserWindow> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const win = new BrowserWindow(mainWindowOptions(paths.preload, loadWindowBounds(stateFile)));
  win.on('close', () => saveWindowBounds(stateFile, win.getBounds()));
  win.once('ready-to-show', () => win.show());

  let port: StreamPort | undefined;
  let removeSink: (() => void) | undefined;
  let removePlant: (() => void) | undefined;
  const detach = (): void => {
    removeSink?.();
    removePlant?.();
    port?.close();
    removeSink = removePlant = port = undefined;
  };
  win.webContents.on('did-finish-load', () => {
    detach();
    if (!isAppUrl(win.webContents.getURL(), devServerUrl)) return;
    port = openStreamPort(win.webContents, MessageChannelMain);
    const p = port;
    removeSink = runtime.addFrameSink(p.sink);
    removePlant = runtime.onPlant((plant) => p.post('plant', plant));
  });
  win.on('closed', detach);

  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadURL(APP_INDEX_URL);
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession(session.defaultSession, devServerUrl);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));
  const runtime = await Runtime.start({
    plantsDir: app.isPackaged ? join(process.resourcesPath, 'plants') : paths.plantsDir,
    ingestWorker: paths.ingestWorker,
    profiles: new ProfileStore(join(app.getPath('userData'), 'profiles.json'), createSafeStorageSecretStore(safeStorage)),
    dataDir: app.getPath('userData'),
    demoNightShift: true,
    recording: { library: `linetwin ${app.getVersion()}` },
    // The window's own user picks recordings in the open dialog, from wherever they are.
    openAnyRecording: true,
  });
  registerBridgeIpc(ipcMain, runtime, (event) => isTrustedSender(event.senderFrame, devServerUrl));
  let win = await createWindow(runtime);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(runtime).then((w) => (win = w));
  });
  app.on('window-all-closed', () => {
    void runtime.stop().finally(() => app.quit());
  });
}

main().catch((err: Error) => {
  process.stderr.write(`LineTwin failed to start: ${err.message}\n`);
  app.exit(1);
});
