/**
 * The one Content-Security-Policy of the renderer, for the Electron window (response header and
 * `<meta>` in the built index.html) and the headless host alike. The Electron bridge is IPC and
 * a MessagePort and the browser bridge is the host's own `/ws`, so `connect-src 'self'` is all
 * either needs: CSP 3 lets 'self' match ws:/wss: on the page's own host and port, and nothing
 * else may be reached, not even another WebSocket.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** Directives a `<meta>` policy cannot carry; browsers ignore them there with a warning. */
const HEADER_ONLY = ['frame-ancestors'];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy for `<meta http-equiv="Content-Security-Policy">`. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !HEADER_ONLY.includes(d.split(' ')[0]!)).join('; ');
