import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, MessageChannelMain, safeStorage, session } from 'electron';
import { ProfileStore } from '../core/profiles/profile-store';
import { Runtime } from '../host/runtime';
import { registerBridgeIpc } from './ipc';
import { createSafeStorageSecretStore } from './secret-store';
import { openStreamPort, type StreamPort } from './frame-port';
import { hardenSession, hardenWebContents, isAppUrl } from './security';
import { shellPaths } from './shell-paths';
import { mainWindowOptions } from './window-options';
import { loadWindowBounds, saveWindowBounds } from './window-state';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const paths = shellPaths(__dirname);

async function createWindow(runtime: Runtime): Promise<BrowserWindow> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const win = new BrowserWindow(mainWindowOptions(paths.preload, loadWindowBounds(stateFile)));
  hardenWebContents(win.webContents, devServerUrl);
  win.on('close', () => saveWindowBounds(stateFile, win.getBounds()));
  win.once('ready-to-show', () => win.show());

  let port: StreamPort | undefined;
  let removeSink: (() => void) | undefined;
  let removePlant: (() => void) | undefined;
  const detach = (): void => {
    removeSink?.();
    removePlant?.();
    port?.close();
  };
  win.webContents.on('did-finish-load', () => {
    detach();
    port = openStreamPort(win.webContents, MessageChannelMain);
    const p = port;
    removeSink = runtime.addFrameSink(p.sink);
    removePlant = runtime.onPlant((plant) => p.post('plant', plant));
  });
  win.on('closed', detach);

  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(paths.rendererIndex);
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession(session.defaultSession);
  const runtime = await Runtime.start({
    plantsDir: app.isPackaged ? join(process.resourcesPath, 'plants') : paths.plantsDir,
    ingestWorker: paths.ingestWorker,
    profiles: new ProfileStore(join(app.getPath('userData'), 'profiles.json'), createSafeStorageSecretStore(safeStorage)),
    dataDir: app.getPath('userData'),
  });
  registerBridgeIpc(ipcMain, runtime, (event) => event.senderFrame !== null && isAppUrl(event.senderFrame.url, devServerUrl) && event.senderFrame.parent === null);
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
