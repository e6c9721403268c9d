import { MemorySecretStore, type SecretStore } from '../core/profiles/secret-store';

/** The part of Electron's `safeStorage` this store uses; tests pass a stand-in. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring, i.e. a fixed key that protects nothing. */
  getSelectedStorageBackend?(): string;
}

const BLOB_PREFIX = 'safeStorage:';

/**
 * Secrets sealed with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron's
 * safeStorage. Without a real keychain it keeps secrets in memory only rather than write a
 * blob anyone could decrypt.
 */
export function createSafeStorageSecretStore(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretStore {
  const backend = platform === 'linux' ? safe.getSelectedStorageBackend?.() : undefined;
  if (!safe.isEncryptionAvailable() || backend === 'basic_text') {
    return new MemorySecretStore('Passwords are kept in memory only: no OS keychain is available to encrypt them, so they are not saved.');
  }
  return {
    persistent: true,
    note: 'Passwords are encrypted with the OS keychain before they are saved.',
    put: (_key, secret) => BLOB_PREFIX + safe.encryptString(secret).toString('base64'),
    get: (_key, saved) => {
      if (!saved?.startsWith(BLOB_PREFIX)) return undefined;
      try {
        return safe.decryptString(Buffer.from(saved.slice(BLOB_PREFIX.length), 'base64'));
      } catch {
        // Sealed under another user or keychain: the user has to enter it again.
        return undefined;
      }
    },
    delete: () => undefined,
  };
}
