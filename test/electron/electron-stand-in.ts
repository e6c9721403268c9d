import { EventEmitter } from 'node:events';

/** Just enough of Electron's main-process modules to run the shell's wiring under plain Node. */
export function createElectronStandIn() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeBrowserWindow[] = [];
  const session = {
    headerListener: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
    permissionRequestHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheckHandler: undefined as undefined | (() => boolean),
    webRequest: {
      onHeadersReceived(listener: NonNullable<(typeof session)['headerListener']>) {
        session.headerListener = listener;
      },
    },
    setPermissionRequestHandler(h: NonNullable<(typeof session)['permissionRequestHandler']>) {
      session.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: () => boolean) {
      session.permissionCheckHandler = h;
    },
  };

  class FakeWebContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
    posted: Array<{ channel: string; ports: unknown[] }> = [];
    setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = h;
    }
    postMessage(channel: string, _msg: unknown, ports: unknown[]) {
      this.posted.push({ channel, ports });
    }
    isDestroyed() {
      return false;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static getAllWindows = () => windows;
    readonly webContents = new FakeWebContents();
    loadedFile: string | undefined;
    loadedUrl: string | undefined;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadFile(file: string) {
      this.loadedFile = file;
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    getBounds() {
      return { x: 1, y: 2, width: 1300, height: 800 };
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const app = Object.assign(new EventEmitter(), {
    singleInstanceLockRequested: false,
    isPackaged: false,
    requestSingleInstanceLock() {
      app.singleInstanceLockRequested = true;
      return true;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => '/nonexistent-linetwin-test',
    quit() {},
    exit() {},
  });

  class MessageChannelMain {
    port1 = { start() {}, postMessage() {}, close() {} };
    port2 = { start() {} };
  }

  return {
    handlers,
    windows,
    session,
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      MessageChannelMain,
      session: { defaultSession: session },
      ipcMain: {
        handle(channel: string, h: (...args: unknown[]) => unknown) {
          if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
          handlers.set(channel, h);
        },
      },
    },
  };
}
