/**
 * The renderer's one trusted origin. Built files are served from a privileged custom scheme
 * rather than `file://`, where every local HTML file would share the app's origin; while
 * developing, the electron-vite dev server's origin takes its place.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'linetwin';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True only for a URL on the app's exact origin (scheme, host and port; no credentials). WHATWG
 * URL gives custom schemes an opaque origin, so `app:` URLs are compared part by part.
 */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  const u = parse(url);
  if (!u || u.username !== '' || u.password !== '') return false;
  if (devServerUrl !== undefined) {
    const dev = parse(devServerUrl);
    return dev !== undefined && (dev.protocol === 'http:' || dev.protocol === 'https:') && u.origin === dev.origin;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}
