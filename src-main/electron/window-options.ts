import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/** The main window: the renderer gets no Node, no Electron, only the preload's `window.twin`. */
export function mainWindowOptions(preloadPath: string, bounds: Partial<Rectangle>): BrowserWindowConstructorOptions {
  return {
    width: bounds.width ?? 1600,
    height: bounds.height ?? 900,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#1e2226',
    title: 'LineTwin',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
