import { createServer } from 'node:net';
import { listenOnPort } from '../core/net/listen-port';
import { keepPublishOrder, type PublishingBroker } from './ordered-publish';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * An MQTT 3.1.1 broker (aedes) inside the app, for demos with no network. Takes the preferred
 * port or the next free one, so other MQTT clients at the booth can join; port 0 asks the OS.
 */
export async function startEmbeddedBroker(opts: { host?: string; port?: number; tries?: number } = {}): Promise<EmbeddedBroker> {
  const host = opts.host ?? '127.0.0.1';
  const preferred = opts.port ?? 1883;
  const tries = opts.tries ?? 20;
  // aedes is ESM-only; loading it on demand keeps it out of live-only sessions.
  const { Aedes } = await import('aedes');
  const aedes = await Aedes.createBroker();
  keepPublishOrder(aedes as unknown as PublishingBroker);
  const server = createServer((socket) => aedes.handle(socket));
  try {
    const port = await listenOnPort(server, host, preferred === 0 ? { exact: 0 } : { from: preferred, tries });
    return {
      url: `mqtt://${host}:${port}`,
      port,
      close: () =>
        new Promise<void>((resolve) => {
          aedes.close(() => server.close(() => resolve()));
        }),
    };
  } catch (err) {
    aedes.close();
    throw new Error(`embedded broker could not listen on ${host}:${preferred}…: ${(err as Error).message}`);
  }
}
