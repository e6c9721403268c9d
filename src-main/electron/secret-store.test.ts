import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../core/profiles/profile-store';
import { createSafeStorageSecretStore, type SafeStorageLike } from './secret-store';

/** Stands in for Electron's safeStorage: a reversible scramble, so clear text never shows. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`sealed:${[...s].reverse().join('')}`),
    decryptString: (b) => {
      const text = b.toString();
      if (!text.startsWith('sealed:')) throw new Error('cannot decrypt');
      return [...text.slice(7)].reverse().join('');
    },
    getSelectedStorageBackend: () => backend,
  };
}

describe('safeStorage SecretStore', () => {
  it('writes only the sealed blob and reads the password back after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'linetwin-secrets-'));
    try {
      const file = join(dir, 'profiles.json');
      const store = new ProfileStore(file, createSafeStorageSecretStore(fakeSafeStorage(), 'linux'));
      const { id } = await store.save({ name: 'p', urls: ['mqtt://127.0.0.1:1883'], protocolVersion: 4, username: 'viewer', password: 'top-secret-pw' });
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain('top-secret-pw');
      expect(text).toContain('safeStorage:');
      const reopened = new ProfileStore(file, createSafeStorageSecretStore(fakeSafeStorage(), 'linux'));
      expect((await reopened.resolve(id))?.password).toBe('top-secret-pw');
      expect((await reopened.list()).passwordStorage.persistent).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps secrets in memory only without a real keychain', () => {
    for (const store of [createSafeStorageSecretStore(fakeSafeStorage(false), 'darwin'), createSafeStorageSecretStore(fakeSafeStorage(true, 'basic_text'), 'linux')]) {
      expect(store.persistent).toBe(false);
      expect(store.put('k', 'pw')).toBeUndefined();
      expect(store.get('k', undefined)).toBe('pw');
    }
  });

  it('gives up on a blob it cannot decrypt instead of throwing', () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage(), 'win32');
    expect(store.get('k', 'safeStorage:AAAA')).toBeUndefined();
    expect(store.get('k', 'plain')).toBeUndefined();
  });
});
