import { readStatic } from '../host/static-files';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Registered with `protocol.registerSchemesAsPrivileged` before the app is ready: a standard
 * scheme (relative URLs and a real origin), a secure context, and `fetch` for the station
 * models. Nothing else: no CORS, no service workers, no bypassing the CSP.
 */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function refuse(status: number): Response {
  return new Response(null, { status, headers: HEADERS });
}

/**
 * `app://linetwin/…` answered from the built renderer folder: GET and HEAD only, the app's
 * host only, never a file outside `rendererDir`, with its MIME type.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(403);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return refuse(404);
    const headers = { ...HEADERS, 'Content-Type': file.type, 'Content-Length': String(file.body.length) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { status: 200, headers });
  };
}
