import { EventEmitter } from 'node:events';

/** Just enough of Electron's main-process modules to run the shell's wiring under plain Node. */
export function createElectronStandIn() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeBrowserWindow[] = [];
  /** Calls whose order matters to Electron (scheme privileges must precede ready). */
  const calls: string[] = [];
  const schemes: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  type HeaderListener = (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  type PermissionRequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void;
  type PermissionCheckHandler = (wc: unknown, permission: string, requestingOrigin: string) => boolean;
  const session: {
    headerListener: HeaderListener | undefined;
    permissionRequestHandler: PermissionRequestHandler | undefined;
    permissionCheckHandler: PermissionCheckHandler | undefined;
    webRequest: { onHeadersReceived(listener: HeaderListener): void };
    setPermissionRequestHandler(h: PermissionRequestHandler): void;
    setPermissionCheckHandler(h: PermissionCheckHandler): void;
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
    url = '';
    getURL() {
      return this.url;
    }
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
    loadedUrl: string | undefined;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.url = url;
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
    whenReady: () => {
      calls.push('app.whenReady');
      return Promise.resolve();
    },
    getPath: () => '/nonexistent-linetwin-test',
    getVersion: () => '0.0.0-test',
    quit() {},
    exit() {},
  });

  /** MessagePortMain: an EventEmitter ('message' events); what main posts is kept in `posted`. */
  class FakeMessagePortMain extends EventEmitter {
    posted: unknown[] = [];
    closed = false;
    start() {}
    postMessage(message: unknown) {
      this.posted.push(message);
    }
    close() {
      this.closed = true;
    }
  }
  const channels: MessageChannelMain[] = [];
  class MessageChannelMain {
    port1 = new FakeMessagePortMain();
    port2 = new FakeMessagePortMain();
    constructor() {
      channels.push(this);
    }
  }

  return {
    handlers,
    windows,
    session,
    calls,
    schemes,
    protocolHandlers,
    channels,
    FakeWebContents,
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      MessageChannelMain,
      protocol: {
        registerSchemesAsPrivileged(list: Array<{ scheme: string; privileges: Record<string, boolean> }>) {
          calls.push('protocol.registerSchemesAsPrivileged');
          schemes.push(...list);
        },
        handle(scheme: string, h: (request: Request) => Promise<Response>) {
          calls.push('protocol.handle');
          protocolHandlers.set(scheme, h);
        },
      },
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
