import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import type { BridgeCaller, BridgeMethod } from '../shared/bridge';
import { AccessPolicy, checkBindPolicy, hostNames, parseOrigin } from './access';
import { logInternalError, stderrLog, type Log } from './internal-error';
import { listenOnPort } from '../core/net/listen-port';
import { BridgeRequestError, type Runtime } from './runtime';
import { readStatic } from './static-files';
import type { AccessToken } from './tokens';
import { serveBridge } from './ws-bridge-server';

export interface HostOptions {
  runtime: Runtime;
  rendererDir: string;
  host?: string;
  /** Exactly this port (0: any free one); without it {@link DEFAULT_PORT} or the next free one. */
  port?: number;
  /** Without tokens the host serves this machine only, to the local user as operator. */
  tokens?: readonly AccessToken[];
  /** Names the host answers to besides the address it is bound to (its DNS name). */
  hostNames?: readonly string[];
  /** Origins besides the host's own whose pages may use the API and the bridge. */
  allowedOrigins?: readonly string[];
  /** Where unexpected exceptions are logged (default: stderr). */
  log?: Log;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Vite's default: what users of `npm start` are used to; the next free port when it is taken. */
export const DEFAULT_PORT = 5173;
const PORT_TRIES = 20;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Reads a small JSON request body; larger bodies are refused rather than buffered. */
export function readJsonBody(req: IncomingMessage, limit = 16 * 1024): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** `POST /api/alarms/{action}`: the operator actions of the bridge, with the same checks. */
const ALARM_ACTIONS: Record<string, BridgeMethod> = {
  ack: 'ackAlarm',
  'ack-all': 'ackAllAlarms',
  shelve: 'shelveAlarm',
  unshelve: 'unshelveAlarm',
  'out-of-service': 'setAlarmOutOfService',
};

/** `POST /api/replay/{action}`: the replay controls of the bridge. */
const REPLAY_ACTIONS: Record<string, BridgeMethod> = {
  open: 'openRecording',
  seek: 'replaySeek',
  play: 'replayPlay',
  pause: 'replayPause',
  live: 'goLive',
};

/** The media type without parameters: a form can send only text/plain, urlencoded or multipart. */
function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function bodyAction(req: IncomingMessage, res: ServerResponse, runtime: Runtime, method: BridgeMethod, caller: BridgeCaller): Promise<void> {
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (err) {
    const message = err instanceof Error ? err.message : 'bad body';
    return json(res, message === 'body too large' ? 413 : 400, { error: message });
  }
  try {
    return json(res, 200, await runtime.request(method, body, caller));
  } catch (err) {
    if (err instanceof BridgeRequestError) return json(res, err.status, { error: err.message });
    throw err;
  }
}

/** A bridge request answered as JSON, its refusals with their status. */
async function answer(res: ServerResponse, runtime: Runtime, method: BridgeMethod, params: unknown, caller: BridgeCaller): Promise<void> {
  try {
    return json(res, 200, await runtime.request(method, params, caller));
  } catch (err) {
    if (err instanceof BridgeRequestError) return json(res, err.status, { error: err.message });
    throw err;
  }
}

/** `GET /api/recordings/export?from=&to=`: the range written as one MCAP file, then sent. Writing a file needs the operator role. */
async function exportDownload(res: ServerResponse, runtime: Runtime, url: URL, caller: BridgeCaller): Promise<void> {
  const params = { from: Number(url.searchParams.get('from')), to: Number(url.searchParams.get('to')) };
  let path: string;
  try {
    ({ path } = (await runtime.request('exportRecording', params, caller)) as { path: string });
  } catch (err) {
    if (err instanceof BridgeRequestError) return json(res, err.status, { error: err.message });
    throw err;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${basename(path)}"`, 'Cache-Control': 'no-store' });
  await pipeline(createReadStream(path), res);
}

/**
 * Shift loss analysis (issue 14): `GET /api/losses?line=&shift=` (shift: any moment of it, ms
 * since the epoch; default the current or replayed one), `GET /api/reports` and
 * `GET /api/reports/{name}` (a listed report file).
 */
async function lossesApi(res: ServerResponse, runtime: Runtime, url: URL, caller: BridgeCaller): Promise<void> {
  if (url.pathname === '/api/losses') {
    const shift = url.searchParams.get('shift');
    return answer(res, runtime, 'getLosses', { line: url.searchParams.get('line'), ...(shift === null ? {} : { at: Number(shift) }) }, caller);
  }
  if (url.pathname === '/api/reports') return answer(res, runtime, 'listReports', {}, caller);
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice('/api/reports/'.length));
  } catch {
    return json(res, 404, { error: 'no such report' });
  }
  const file = await runtime.losses.folder?.file(name);
  if (!file) return json(res, 404, { error: 'no such report' });
  // A PDF is a download: the host's policy (object-src 'none') keeps a browser's PDF viewer out.
  const disposition = file.type === 'application/pdf' ? { 'Content-Disposition': `attachment; filename="${name}"` } : {};
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-store', ...disposition });
  res.end(file.body);
}

/** `GET /api/trace/item/{id}`, `/api/trace/lot/{id}`, `/api/trace/station/{id}?from=&to=` (ms): the traceability bridge methods. */
async function traceGet(res: ServerResponse, runtime: Runtime, url: URL, caller: BridgeCaller): Promise<void> {
  const [, kind, raw] = /^\/api\/trace\/(item|lot|station)\/([^/]+)$/.exec(url.pathname) ?? [];
  let id: string;
  try {
    id = decodeURIComponent(raw ?? '');
  } catch {
    return json(res, 400, { error: 'the id is not valid percent-encoding' });
  }
  if (!kind || id.length === 0) return json(res, 404, { error: `no endpoint GET ${url.pathname}` });
  if (kind === 'station') {
    const num = (name: string): number | undefined => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : undefined);
    const to = num('to') ?? runtime.engine.clock.now();
    const from = num('from') ?? to - 8 * 3_600_000;
    return answer(res, runtime, 'traceStation', { station: id, from, to }, caller);
  }
  const method = kind === 'item' ? 'traceItem' : 'traceLot';
  try {
    const found = await runtime.request(method, { id }, caller);
    if (found === null) return json(res, 404, { error: `no ${kind} ${id.slice(0, 60)} in the genealogy` });
    return json(res, 200, found);
  } catch (err) {
    if (err instanceof BridgeRequestError) return json(res, err.status, { error: err.message });
    throw err;
  }
}

/** Every POST changes state: JSON only (no form can send it without a CORS preflight), operators only. */
async function post(req: IncomingMessage, res: ServerResponse, runtime: Runtime, path: string, caller: BridgeCaller): Promise<void> {
  // A what-if changes only a forecast: JSON and Origin as every POST, the role as the bridge method says.
  if (path === '/api/forecast/what-if') {
    if (!isJson(req)) return json(res, 415, { error: 'a what-if is sent as Content-Type: application/json' });
    return bodyAction(req, res, runtime, 'forecastWhatIf', caller);
  }
  const [, group, action] = /^\/api\/(alarms|replay)\/([a-z-]+)$/.exec(path) ?? [];
  const actions = group === 'replay' ? REPLAY_ACTIONS : ALARM_ACTIONS;
  const method = action !== undefined && Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (!method) return json(res, 404, { error: `no endpoint POST ${path}` });
  if (!isJson(req)) return json(res, 415, { error: 'requests that change state need Content-Type: application/json' });
  if (caller.role !== 'operator') return json(res, 403, { error: 'this needs the operator role' });
  return bodyAction(req, res, runtime, method, caller);
}

/** `?token=` on a page: set the cookie and send the browser to the same URL without the token. */
function tokenLogin(res: ServerResponse, url: URL, policy: AccessPolicy): void {
  const token = policy.tokenFor(url.searchParams.get('token') ?? undefined);
  if (!token) return json(res, 401, { error: 'unknown access token' });
  url.searchParams.delete('token');
  res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': policy.cookie(token), Location: `${url.pathname}${url.search}`, 'Cache-Control': 'no-store' });
  res.end();
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: HostOptions, policy: AccessPolicy): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!policy.hostAllowed(req)) return json(res, 403, { error: 'this host does not answer to that name' });
  if (!policy.originAllowed(req)) return json(res, 403, { error: 'requests from another origin are refused' });
  if (url.pathname.startsWith('/api/')) {
    const caller = policy.callerOf(req);
    if (!caller) return json(res, 401, { error: 'access token required' });
    if (req.method === 'POST') return post(req, res, opts.runtime, url.pathname, caller);
    const engine = opts.runtime.engine;
    if (req.method === 'GET' && url.pathname === '/api/health') return json(res, 200, { ...engine.health(), watchdog: opts.runtime.watchdog.figures() });
    if (req.method === 'GET' && url.pathname === '/api/snapshot') return json(res, 200, engine.snapshot());
    if (req.method === 'GET' && url.pathname === '/api/recordings') return answer(res, opts.runtime, 'listRecordings', {}, caller);
    if (req.method === 'GET' && url.pathname === '/api/forecast') return answer(res, opts.runtime, 'getForecast', { line: url.searchParams.get('line') ?? undefined }, caller);
    if (req.method === 'GET' && url.pathname === '/api/replay') {
      const replay = opts.runtime.replay;
      if (!replay) return json(res, 404, { error: 'live: no recording is open' });
      return json(res, 200, { start: replay.start, end: replay.end, position: replay.position, speed: replay.speed, playing: replay.playing });
    }
    if (req.method === 'GET' && url.pathname === '/api/recordings/export') return exportDownload(res, opts.runtime, url, caller);
    if (req.method === 'GET' && (url.pathname === '/api/losses' || url.pathname.startsWith('/api/reports'))) return lossesApi(res, opts.runtime, url, caller);
    if (req.method === 'GET' && url.pathname.startsWith('/api/trace/')) return traceGet(res, opts.runtime, url, caller);
    if (req.method === 'GET' && url.pathname === '/api/alarms/journal.csv') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="alarm-journal.csv"', 'Cache-Control': 'no-store' });
      res.end(await engine.journal?.toCsv());
      return;
    }
    return json(res, 404, { error: `no endpoint ${req.method ?? ''} ${url.pathname}` });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
  if (url.searchParams.has('token')) return tokenLogin(res, url, policy);
  const file = await readStatic(opts.rendererDir, url.pathname);
  if (!file) return json(res, 404, { error: 'not found' });
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** The headless host: the built renderer, `/api/*` and the bridge on `/ws`. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  const tokens = opts.tokens ?? [];
  const log = opts.log ?? stderrLog;
  checkBindPolicy(host, tokens);
  const origins = new Set((opts.allowedOrigins ?? []).map(parseOrigin));
  const server: Server = createServer();
  const port = await listenOnPort(server, host, opts.port === undefined ? { from: DEFAULT_PORT, tries: PORT_TRIES } : { exact: opts.port });
  // Made once the port is known, since Host and Origin carry it; no request is taken before.
  const policy = new AccessPolicy(hostNames(host, port, opts.hostNames ?? []), tokens, origins, port);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, opts, policy).catch((err: unknown) => {
      const id = logInternalError(log, err, `${req.method ?? ''} ${new URL(req.url ?? '/', 'http://localhost').pathname}`);
      if (res.headersSent) res.destroy();
      else json(res, 500, { error: 'internal error', id });
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/ws') return refuse('404 Not Found');
    // A page on any site may open a WebSocket to loopback: only this host's own pages may.
    if (!policy.hostAllowed(req) || !policy.originAllowed(req)) return refuse('403 Forbidden');
    const caller = policy.callerOf(req);
    if (!caller) return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveBridge(ws, opts.runtime, caller, log));
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
