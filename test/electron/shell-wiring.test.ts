import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_PORT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../src-main/shared/bridge';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shared/csp';
import { createElectronStandIn } from './electron-stand-in';

const standIn = createElectronStandIn();
const runtimeRequests: Array<[unknown, unknown]> = [];
const fakeRuntime = {
  request: async (method: unknown, params: unknown) => {
    runtimeRequests.push([method, params]);
    if (method === 'boom') throw new Error('no such thing');
    return { echoed: method };
  },
  addFrameSink: () => () => undefined,
  onPlant: () => () => undefined,
  stop: async () => undefined,
  engine: { plant: { lines: [] } },
  watchdog: { rendererRestarted: () => undefined },
};

vi.mock('electron', () => standIn.module);
vi.mock('../../src-main/host/runtime', () => ({ Runtime: { start: async () => fakeRuntime } }));

const APP_PAGE = 'app://linetwin/index.html';
/** URLs a window might be led to that must never count as the app. */
const FOREIGN_URLS = ['https://example.com/', 'file:///app/out/renderer/index.html', 'file:///home/user/Downloads/evil.html', 'app://linetwin.evil/index.html', 'app://evil/index.html', 'app://user@linetwin/index.html', 'http://localhost:5173/', 'data:text/html,<p>x</p>'];

function navigationEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('Electron main process wiring (against a stand-in for Electron)', () => {
  beforeEach(async () => {
    await import('../../src-main/electron/main');
    await vi.waitFor(() => expect(standIn.windows[0]?.loadedUrl).toBeDefined());
  });
  afterEach(() => vi.clearAllMocks());

  it('asks for the single-instance lock and opens one hardened window on app://linetwin, not file://', () => {
    expect(standIn.module.app.singleInstanceLockRequested).toBe(true);
    const win = standIn.windows[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(win.loadedUrl).toBe(APP_PAGE);
  });

  it('registers app:// as a privileged standard, secure scheme before ready, and serves it only for the app host', async () => {
    expect(standIn.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(standIn.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(standIn.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(standIn.calls.indexOf('app.whenReady'));
    expect(standIn.calls.indexOf('protocol.handle')).toBeGreaterThan(standIn.calls.indexOf('app.whenReady'));
    const handler = standIn.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler!(new Request('app://linetwin.evil/index.html'))).status).toBe(403);
    expect((await handler!(new Request('app://linetwin/..%2f..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('guards every web contents the app creates: no new window, no navigation away, no webview', () => {
    const main = standIn.windows[0]!.webContents;
    const other = new standIn.FakeWebContents();
    standIn.module.app.emit('web-contents-created', {}, other);
    for (const contents of [main, other]) {
      expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
      expect(contents.windowOpenHandler?.({ url: APP_PAGE })).toEqual({ action: 'deny' });
      for (const url of FOREIGN_URLS) {
        for (const kind of ['will-navigate', 'will-redirect']) {
          const nav = navigationEvent();
          contents.emit(kind, nav, url);
          expect(nav.defaultPrevented, `${kind} ${url}`).toBe(true);
        }
      }
      const inApp = navigationEvent();
      contents.emit('will-navigate', inApp, 'app://linetwin/index.html#alarms');
      expect(inApp.defaultPrevented).toBe(false);
      const webview = navigationEvent();
      contents.emit('will-attach-webview', webview, {}, {});
      expect(webview.defaultPrevented).toBe(true);
    }
  });

  it('grants notifications to the app only, refuses every other permission, and sets the CSP', () => {
    const ask = (permission: string, requestingUrl: string): boolean | undefined => {
      let granted: boolean | undefined;
      standIn.session.permissionRequestHandler?.({}, permission, (ok) => (granted = ok), { requestingUrl });
      return granted;
    };
    expect(ask('notifications', APP_PAGE)).toBe(true);
    for (const url of FOREIGN_URLS) expect(ask('notifications', url), url).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem']) expect(ask(permission, APP_PAGE), permission).toBe(false);
    expect(standIn.session.permissionCheckHandler?.({}, 'notifications', 'app://linetwin')).toBe(true);
    expect(standIn.session.permissionCheckHandler?.({}, 'notifications', 'file:///')).toBe(false);
    expect(standIn.session.permissionCheckHandler?.({}, 'media', 'app://linetwin')).toBe(false);
    let headers: unknown;
    standIn.session.headerListener?.({ responseHeaders: {} }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('handles bridge requests only from the main frame on the app origin, and returns errors as values', async () => {
    const handler = standIn.handlers.get(IPC_REQUEST_CHANNEL);
    expect(handler).toBeDefined();
    const appFrame = { senderFrame: { url: APP_PAGE, origin: 'app://linetwin', parent: null } };
    await expect(handler!(appFrame, 'getPlant', undefined)).resolves.toEqual({ ok: true, result: { echoed: 'getPlant' } });
    await expect(handler!(appFrame, 'boom', {})).resolves.toEqual({ ok: false, error: 'no such thing' });
    const refused = [
      ...FOREIGN_URLS.map((url) => ({ senderFrame: { url, origin: new URL(url).origin, parent: null } })),
      { senderFrame: { url: APP_PAGE, origin: 'app://linetwin', parent: {} } },
      { senderFrame: { url: APP_PAGE, origin: 'null', parent: null } },
      { senderFrame: null },
    ];
    for (const event of refused) await expect(handler!(event, 'ackAllAlarms', {}), JSON.stringify(event)).resolves.toEqual({ ok: false, error: 'untrusted sender' });
    expect(runtimeRequests.map(([m]) => m)).toEqual(['getPlant', 'boom']);
  });

  it('hands a MessagePort for frames to the app page once it has loaded, and to nothing else', () => {
    const contents = standIn.windows[0]!.webContents;
    contents.emit('did-finish-load');
    expect(contents.posted).toHaveLength(1);
    expect(contents.posted[0]?.channel).toBe(IPC_PORT_CHANNEL);
    expect(contents.posted[0]?.ports).toHaveLength(1);
    const firstPort = standIn.channels.at(-1)!.port1;
    contents.url = 'file:///home/user/Downloads/evil.html';
    contents.emit('did-finish-load');
    expect(contents.posted).toHaveLength(1);
    expect(firstPort.closed).toBe(true);
    contents.url = APP_PAGE;
  });
});
