import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * An MQTT 3.1.1 broker (aedes) inside the app, for demos with no network. Takes the preferred
 * port or the next free one, so other MQTT clients at the booth can join; port 0 asks the OS.
 */
export async function startEmbeddedBroker(opts: { host?: string; port?: number; tries?: number } = {}): Promise<EmbeddedBroker> {
  const host = opts.host ?? '127.0.0.1';
  const preferred = opts.port ?? 1883;
  const tries = preferred === 0 ? 1 : (opts.tries ?? 20);
  // aedes is ESM-only; loading it on demand keeps it out of live-only sessions.
  const { Aedes } = await import('aedes');
  const aedes = await Aedes.createBroker();
  const server = createServer((socket) => aedes.handle(socket));
  let lastError: Error | undefined;
  for (let i = 0; i < tries; i += 1) {
    try {
      const port = await listen(server, host, preferred === 0 ? 0 : preferred + i);
      return {
        url: `mqtt://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((resolve) => {
            aedes.close(() => server.close(() => resolve()));
          }),
      };
    } catch (err) {
      lastError = err as Error;
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  aedes.close();
  throw new Error(`embedded broker could not listen on ${host}:${preferred}…: ${lastError?.message ?? 'unknown error'}`);
}
