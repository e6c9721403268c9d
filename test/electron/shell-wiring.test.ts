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
};

vi.mock('electron', () => standIn.module);
vi.mock('../../src-main/host/runtime', () => ({ Runtime: { start: async () => fakeRuntime } }));

describe('Electron main process wiring (against a stand-in for Electron)', () => {
  beforeEach(async () => {
    await import('../../src-main/electron/main');
    await vi.waitFor(() => expect(standIn.windows.length).toBe(1));
  });
  afterEach(() => vi.clearAllMocks());

  it('asks for the single-instance lock and opens one hardened window on the built renderer', () => {
    expect(standIn.module.app.singleInstanceLockRequested).toBe(true);
    const win = standIn.windows[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(win.loadedFile).toMatch(/[\\/]renderer[\\/]index\.html$/);
  });

  it('denies window.open, outside navigation and every permission, and sets the CSP', () => {
    const contents = standIn.windows[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const nav = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.defaultPrevented).toBe(true);
    const local = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-navigate', local, 'file:///app/out/renderer/index.html');
    expect(local.defaultPrevented).toBe(false);
    let granted: boolean | undefined;
    standIn.session.permissionRequestHandler?.({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(standIn.session.permissionCheckHandler?.()).toBe(false);
    let headers: unknown;
    standIn.session.headerListener?.({ responseHeaders: {} }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('handles bridge requests only from the app frame, and returns errors as values', async () => {
    const handler = standIn.handlers.get(IPC_REQUEST_CHANNEL);
    expect(handler).toBeDefined();
    const appFrame = { senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } };
    await expect(handler!(appFrame, 'getPlant', undefined)).resolves.toEqual({ ok: true, result: { echoed: 'getPlant' } });
    await expect(handler!(appFrame, 'boom', {})).resolves.toEqual({ ok: false, error: 'no such thing' });
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(handler!(foreign, 'getPlant', undefined)).resolves.toEqual({ ok: false, error: 'untrusted sender' });
    const subframe = { senderFrame: { url: 'file:///app/out/renderer/index.html', parent: {} } };
    await expect(handler!(subframe, 'getPlant', undefined)).resolves.toEqual({ ok: false, error: 'untrusted sender' });
    expect(runtimeRequests.map(([m]) => m)).toEqual(['getPlant', 'boom']);
  });

  it('hands the renderer a MessagePort for frames once the page has loaded', () => {
    const contents = standIn.windows[0]!.webContents;
    contents.emit('did-finish-load');
    expect(contents.posted).toHaveLength(1);
    expect(contents.posted[0]?.channel).toBe(IPC_PORT_CHANNEL);
    expect(contents.posted[0]?.ports).toHaveLength(1);
  });
});
