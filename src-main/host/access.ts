import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { LOCAL_OPERATOR, type BridgeCaller } from '../shared/bridge';
import { TOKENS_ENV, type AccessToken } from './tokens';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const unbracketed = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** True for an address of this machine only; the address is parsed, so `127.evil.example` is not one. */
export function isLoopback(host: string): boolean {
  const h = unbracketed(host).toLowerCase();
  if (h === 'localhost') return true;
  const family = isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 4 ? 'ipv4' : 'ipv6');
}

/** Refuses to serve beyond this machine without tokens: the twin shows a plant's live state. */
export function checkBindPolicy(host: string, tokens: readonly AccessToken[]): void {
  if (!isLoopback(host) && tokens.length === 0) {
    throw new Error(`binding to ${host} needs access tokens (${TOKENS_ENV} or --tokens-file): the host is reachable from the network`);
  }
}

/** The names a host answers to, as a Host header carries them (`name:port`, `[v6]:port`). */
export interface HostNames {
  allows(hostHeader: string | undefined): boolean;
}

const WILDCARD = new Set(['0.0.0.0', '::']);

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/**
 * Against DNS rebinding: a page on `evil.example` that re-points its name at this machine
 * still sends `Host: evil.example`, so only the names the host is bound to are answered.
 * Loopback: 127.0.0.1, localhost and [::1]; a wildcard bind: every address of the machine.
 */
export function hostNames(bindHost: string, port: number, names: readonly string[]): HostNames {
  const bind = unbracketed(bindHost);
  const all = [bind, ...names];
  if (isLoopback(bind) || WILDCARD.has(bind)) all.push('127.0.0.1', 'localhost', '::1');
  if (WILDCARD.has(bind)) all.push(...interfaceAddresses());
  const allowed = new Set<string>();
  for (const name of all) {
    const n = isIP(unbracketed(name)) === 6 ? `[${unbracketed(name)}]` : name;
    allowed.add(`${n}:${port}`.toLowerCase());
    // Browsers leave the default port out of Host.
    if (port === 80) allowed.add(n.toLowerCase());
  }
  return { allows: (h) => h !== undefined && allowed.has(h.toLowerCase()) };
}

/** An origin the user allows besides the host's own (a wall display's page, a reverse proxy). */
export function parseOrigin(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, '').toLowerCase()) {
    throw new Error(`an allowed origin must look like http://wall.plant.local:8080 (scheme, name, port; no path), got ${text.slice(0, 100)}`);
  }
  return url.origin;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** What each request is checked against: the names and origins of this host, and its tokens. */
export class AccessPolicy {
  /** Per port: cookies are shared by every port of a host name, and two hosts may run side by side. */
  readonly cookieName: string;

  constructor(
    private readonly names: HostNames,
    private readonly tokens: readonly AccessToken[],
    /** Origins as {@link parseOrigin} gives them. */
    private readonly origins: ReadonlySet<string>,
    port: number,
  ) {
    this.cookieName = `linetwin_token_${port}`;
  }

  get usesTokens(): boolean {
    return this.tokens.length > 0;
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.names.allows(req.headers.host);
  }

  /**
   * A browser names the page a request comes from in Origin; it must be this host or one the
   * user configured. Without Origin the request is not a cross-site one from a browser.
   */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return (url.protocol === 'http:' && this.names.allows(url.host)) || this.origins.has(url.origin);
  }

  /** The holder of `given`, compared in constant time. */
  tokenFor(given: string | undefined): AccessToken | undefined {
    if (!given) return undefined;
    const g = digest(given);
    return this.tokens.find((t) => timingSafeEqual(g, digest(t.token)));
  }

  /**
   * Who is asking: a Bearer header (API clients) or the cookie (browsers). Without tokens
   * (loopback only, by the bind policy) it is the local user, acting as operator.
   */
  callerOf(req: IncomingMessage): BridgeCaller | undefined {
    if (!this.usesTokens) return LOCAL_OPERATOR;
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : parseCookies(req.headers.cookie).get(this.cookieName);
    const holder = this.tokenFor(given);
    return holder && { role: holder.role, name: holder.name };
  }

  /** The cookie that replaces `?token=` in the page URL: not readable by scripts, never sent cross-site. */
  cookie(token: AccessToken): string {
    return `${this.cookieName}=${token.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
