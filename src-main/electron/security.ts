import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** The renderer's own origin: the built files, or the dev server while developing. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('file://')) return true;
  return devServerUrl !== undefined && url.startsWith(devServerUrl);
}

/** CSP on every response, and every permission request (camera, geolocation, …) refused. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The window never navigates away from the app and never opens another window. */
export function hardenWebContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
