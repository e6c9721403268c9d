import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { checkBindPolicy, isAuthorized } from './access';
import type { Runtime } from './runtime';
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

async function handle(req: IncomingMessage, res: ServerResponse, opts: HostOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    if (!isAuthorized(req, opts.token)) return json(res, 401, { error: 'access token required' });
    const engine = opts.runtime.engine;
    if (req.method === 'GET' && url.pathname === '/api/health') return json(res, 200, engine.health());
    if (req.method === 'GET' && url.pathname === '/api/snapshot') return json(res, 200, engine.snapshot());
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
