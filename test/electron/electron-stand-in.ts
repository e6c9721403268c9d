import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Just enough of Electron's main-process modules to run the shell's wiring under plain Node. */
export function createElectronStandIn() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeBrowserWindow[] = [];
  /** Calls whose order matters to Electron (scheme privileges must precede ready). */
  const calls: string[] = [];
  const schemes: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  const utilityForks: Array<{ modulePath: string; args: string[]; options: unknown }> = [];
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
    /** What main sent with `webContents.send`: the shell's commands. */
    sent: Array<{ channel: string; args: unknown[] }> = [];
    send(channel: string, ...args: unknown[]) {
      this.sent.push({ channel, args });
    }
    reloads = 0;
    reload() {
      this.reloads += 1;
    }
    isDestroyed() {
      return false;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    static fromWebContents = (contents: unknown) => windows.find((w) => w.webContents === contents) ?? null;
    readonly webContents = new FakeWebContents();
    loadedUrl: string | undefined;
    destroyed = false;
    focused = false;
    kiosk: boolean;
    bounds: { x: number; y: number; width: number; height: number };
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      this.kiosk = options.kiosk === true;
      this.bounds = { x: (options.x as number) ?? 1, y: (options.y as number) ?? 2, width: (options.width as number) ?? 1300, height: (options.height as number) ?? 800 };
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.url = url;
    }
    getBounds() {
      return this.bounds;
    }
    setBounds(b: { x: number; y: number; width: number; height: number }) {
      this.bounds = b;
    }
    show() {}
    isMinimized() {
      return false;
    }
    isVisible() {
      return !this.destroyed;
    }
    isFocused() {
      return this.focused;
    }
    isFullScreen() {
      return this.options.fullscreen === true;
    }
    isDestroyed() {
      return this.destroyed;
    }
    setKiosk(on: boolean) {
      this.kiosk = on;
    }
    close() {
      this.emit('close');
      this.destroyed = true;
      this.emit('closed');
    }
    restore() {}
    focus() {}
  }

  /** Displays the shell sees; tests change them and emit screen events. */
  const displays: Array<{ id: number; bounds: { x: number; y: number; width: number; height: number } }> = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
  const screen = Object.assign(new EventEmitter(), {
    getAllDisplays: () => displays,
    getPrimaryDisplay: () => displays[0]!,
    getDisplayMatching: () => displays[0]!,
  });
  const menus: Array<unknown[] | null> = [];
  const notifications: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      notifications.push(this);
    }
    show() {
      this.shown = true;
    }
  }
  const trays: FakeTray[] = [];
  class FakeTray extends EventEmitter {
    tooltip = '';
    constructor(public image: unknown) {
      super();
      trays.push(this);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu() {}
    destroy() {}
  }
  const powerBlocks = new Set<number>();
  let nextBlock = 1;

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
    // Each stand-in its own userData: the shell writes its settings, walls and logs there.
    userData: mkdtempSync(join(tmpdir(), 'linetwin-userdata-')),
    getPath: (name: string) => (name === 'userData' ? app.userData : '/nonexistent-linetwin-test'),
    getVersion: () => '0.0.0-test',
    loginItem: undefined as unknown,
    setLoginItemSettings(s: unknown) {
      app.loginItem = s;
    },
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
    displays,
    screen,
    menus,
    notifications,
    trays,
    powerBlocks,
    session,
    calls,
    schemes,
    protocolHandlers,
    channels,
    FakeWebContents,
    utilityForks,
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
      screen,
      Menu: {
        buildFromTemplate: (template: unknown[]) => template,
        setApplicationMenu: (menu: unknown[] | null) => menus.push(menu),
      },
      Notification: FakeNotification,
      Tray: FakeTray,
      nativeImage: { createFromBuffer: (buffer: Buffer) => ({ png: buffer }) },
      powerSaveBlocker: {
        start: () => {
          const id = nextBlock++;
          powerBlocks.add(id);
          return id;
        },
        stop: (id: number) => powerBlocks.delete(id),
      },
      dialog: {
        showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
        showMessageBox: async () => ({ response: 0 }),
        showErrorBox: () => undefined,
      },
      shell: { openPath: async () => '' },
      utilityProcess: {
        fork: (modulePath: string, args: string[], options: unknown) => {
          utilityForks.push({ modulePath, args, options });
          throw new Error('the stand-in starts no utility processes');
        },
      },
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
