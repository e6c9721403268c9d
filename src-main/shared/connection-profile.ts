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
  /**
   * Ask a Sparkplug edge node to rebirth (NCMD) when its state is unusable. Off by default: a
   * monitoring host publishes nothing unless the user allows it.
   */
  sparkplugRebirthRequests?: boolean;
}

/** A saved profile as the renderer sees it: secrets (password, client key) only as "present". */
export interface ProfileSummary extends Omit<ConnectionProfile, 'password' | 'tls'> {
  id: string;
  name: string;
  hasPassword: boolean;
  tls?: { ca?: string; cert?: string; hasKey: boolean; rejectUnauthorized: boolean };
}

/**
 * A profile to save. `id` absent: a new profile. `password` / `tls.key` absent: keep the saved
 * one; empty string: remove it.
 */
export interface ProfileInput extends Omit<ConnectionProfile, 'tls'> {
  id?: string;
  name: string;
  tls?: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean };
}

export interface ProfileList {
  profiles: ProfileSummary[];
  /** Whether passwords survive a restart here, and why (shown next to the password field). */
  passwordStorage: { persistent: boolean; note: string };
}

export const SUPPORTED_URL_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'] as const;
/** Failover list length a profile may have; the renderer's form checks it before saving. */
export const MAX_BROKER_URLS = 8;

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
