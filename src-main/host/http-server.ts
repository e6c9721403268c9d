import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { checkBindPolicy, isAuthorized } from './access';
import type { BridgeMethod } from '../shared/bridge';
import { BridgeRequestError, type Runtime } from './runtime';
import { readStatic } from './static-files';
import { serveBridge } from './ws-bridge-server';

export interface HostOptions {
  runtime: Runtime;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

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

async function alarmAction(req: IncomingMessage, res: ServerResponse, runtime: Runtime, method: BridgeMethod): Promise<void> {
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (err) {
    const message = err instanceof Error ? err.message : 'bad body';
    return json(res, message === 'body too large' ? 413 : 400, { error: message });
  }
  try {
    return json(res, 200, await runtime.request(method, body));
  } catch (err) {
    if (err instanceof BridgeRequestError) return json(res, err.status, { error: err.message });
    throw err;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: HostOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    if (!isAuthorized(req, opts.token)) return json(res, 401, { error: 'access token required' });
    const engine = opts.runtime.engine;
    if (req.method === 'GET' && url.pathname === '/api/health') return json(res, 200, engine.health());
    if (req.method === 'GET' && url.pathname === '/api/snapshot') return json(res, 200, engine.snapshot());
    if (req.method === 'GET' && url.pathname === '/api/alarms/journal.csv') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="alarm-journal.csv"', 'Cache-Control': 'no-store' });
      res.end(await engine.journal?.toCsv());
      return;
    }
    const action = /^\/api\/alarms\/([a-z-]+)$/.exec(url.pathname)?.[1];
    const method = action !== undefined && Object.hasOwn(ALARM_ACTIONS, action) ? ALARM_ACTIONS[action] : undefined;
    if (req.method === 'POST' && method) return alarmAction(req, res, opts.runtime, method);
    return json(res, 404, { error: `no endpoint ${req.method ?? ''} ${url.pathname}` });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
  const file = await readStatic(opts.rendererDir, url.pathname);
  if (!file) return json(res, 404, { error: 'not found' });
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** The headless host: the built renderer, `/api/*` and the bridge on `/ws`. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  checkBindPolicy(host, opts.token);
  const server: Server = createServer((req, res) => {
    handle(req, res, opts).catch((err: Error) => json(res, 500, { error: err.message }));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/ws' || !isAuthorized(req, opts.token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveBridge(ws, opts.runtime));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
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
