import type { AddressInfo, Server } from 'node:net';

/** The port the user asked for is taken: said in one line, since there is nothing to debug. */
export class PortInUseError extends Error {
  constructor(host: string, port: number) {
    super(`port ${port} on ${host} is already in use; choose another --port, or leave --port out to take the next free one`);
  }
}

/** `exact`: this port or an error (0 lets the system pick); `from`: the first free one of `tries` ports. */
export type PortChoice = { exact: number } | { from: number; tries: number };

function listenOnce(server: Server, host: string, port: number): Promise<number> {
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

const inUse = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** The preferred port, else the next free one: the headless host and the embedded broker both bind this way. */
export async function listenOnPort(server: Server, host: string, choice: PortChoice): Promise<number> {
  if ('exact' in choice) {
    try {
      return await listenOnce(server, host, choice.exact);
    } catch (err) {
      throw inUse(err) ? new PortInUseError(host, choice.exact) : err;
    }
  }
  for (let i = 0; i < choice.tries; i += 1) {
    try {
      return await listenOnce(server, host, choice.from + i);
    } catch (err) {
      if (!inUse(err)) throw err;
    }
  }
  throw new Error(`ports ${choice.from}–${choice.from + choice.tries - 1} on ${host} are all in use`);
}
