import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Refuses to serve beyond this machine without a token: the twin shows a plant's live state. */
export function checkBindPolicy(host: string, token: string | undefined): void {
  if (!isLoopback(host) && !token) {
    throw new Error(`binding to ${host} needs an access token (--token): the host is reachable from the network`);
  }
}

function tokenOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const url = new URL(req.url ?? '/', 'http://x');
  return url.searchParams.get('token') ?? undefined;
}

/** True when no token is set, or the request carries it (Bearer header or `?token=`). */
export function isAuthorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = tokenOf(req);
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
