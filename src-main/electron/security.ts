import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { isAppUrl } from './app-origin';

/** The one permission the renderer uses: desktop notifications for new alarms. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/**
 * CSP on every response, and every permission request refused except notifications asked
 * for by the app itself.
 */
export function hardenSession(session: Session, devServerUrl: string | undefined): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl, devServerUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin, devServerUrl));
}

/** No web contents ever navigates away from the app, opens another window or attaches a webview. */
function hardenWebContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Installed before the first window: every web contents the app ever creates (windows, devtools,
 * anything a page manages to spawn) gets the same guard, not only the main window.
 */
export function guardAllWebContents(app: Pick<App, 'on'>, devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, devServerUrl));
}

/**
 * Bridge requests only from the main frame of a page on the app's origin: its URL and the origin
 * Chromium gave the document (opaque, "null", for a sandboxed page even at an app URL).
 */
export function isTrustedSender(frame: { url: string; origin: string; parent: unknown } | null | undefined, devServerUrl: string | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url, devServerUrl) && isAppUrl(frame.origin, devServerUrl);
}
