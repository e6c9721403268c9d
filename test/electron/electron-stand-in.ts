import { EventEmitter } from 'node:events';

/** Just enough of Electron's main-process modules to run the shell's wiring under plain Node. */
export function createElectronStandIn() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeBrowserWindow[] = [];
  type HeaderListener = (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  type PermissionRequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
  const session: {
    headerListener: HeaderListener | undefined;
    permissionRequestHandler: PermissionRequestHandler | undefined;
    permissionCheckHandler: (() => boolean) | undefined;
    webRequest: { onHeadersReceived(listener: HeaderListener): void };
    setPermissionRequestHandler(h: PermissionRequestHandler): void;
    setPermissionCheckHandler(h: () => boolean): void;
  } = {
    headerListener: undefined,
    permissionRequestHandler: undefined,
    permissionCheckHandler: undefined,
    webRequest: {
      onHeadersReceived(listener) {
        session.headerListener = listener;
      },
    },
    setPermissionRequestHandler(h) {
      session.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h) {
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
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (text: string) => Buffer.from([...text].reverse().join('')),
        decryptString: (blob: Buffer) => [...blob.toString()].reverse().join(''),
      },
      ipcMain: {
        handle(channel: string, h: (...args: unknown[]) => unknown) {
          if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
          handlers.set(channel, h);
        },
      },
    },
  };
}
