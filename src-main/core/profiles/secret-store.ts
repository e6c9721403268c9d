/**
 * Where connection secrets (passwords, client keys) live. A profile file holds only what
 * `put` returns — an encrypted blob or nothing — never the secret itself.
 */
export interface SecretStore {
  /** Whether secrets survive a restart, and why; shown to the user next to the password field. */
  readonly persistent: boolean;
  readonly note: string;
  /** Keeps `secret` under `key`; returns what the profile file may hold to get it back, if anything. */
  put(key: string, secret: string): string | undefined;
  /** The secret under `key`, from memory or from the `saved` blob; undefined when it is gone. */
  get(key: string, saved: string | undefined): string | undefined;
  delete(key: string): void;
}

/**
 * Secrets kept in this process only: the headless host has no OS keychain to seal them with,
 * so it refuses to write them anywhere and says so.
 */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();

  constructor(readonly note = 'Passwords are kept in memory only: this host has no OS keychain, so they are never written to disk and must be entered again after a restart.') {}

  put(key: string, secret: string): undefined {
    this.secrets.set(key, secret);
    return undefined;
  }

  get(key: string): string | undefined {
    return this.secrets.get(key);
  }

  delete(key: string): void {
    this.secrets.delete(key);
  }
}
