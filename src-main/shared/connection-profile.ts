/** How to reach a broker. Passwords never travel to the renderer or to disk in clear text. */
export interface ConnectionProfile {
  /** Tried in order; the next one is used when a connection attempt fails (failover). */
  urls: string[];
  protocolVersion: 4 | 5;
  clientId?: string;
  username?: string;
  password?: string;
  tls?: {
    /** PEM text. */
    ca?: string;
    cert?: string;
    key?: string;
    /** Certificate verification; on unless the user turns it off for a test broker. */
    rejectUnauthorized: boolean;
  };
  keepaliveSeconds?: number;
}

export const SUPPORTED_URL_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'] as const;

export function validateBrokerUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a URL: ${url}`;
  }
  if (!(SUPPORTED_URL_SCHEMES as readonly string[]).includes(parsed.protocol)) {
    return `unsupported scheme ${parsed.protocol} (use ${SUPPORTED_URL_SCHEMES.join(' ')})`;
  }
  return undefined;
}
