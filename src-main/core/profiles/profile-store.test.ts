import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileError, ProfileStore } from './profile-store';
import { MemorySecretStore } from './secret-store';

describe('ProfileStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linetwin-profiles-'));
    file = join(dir, 'profiles.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const input = {
    name: 'Plant broker',
    urls: ['mqtts://broker-a.local:8883', 'wss://broker-b.local/mqtt'],
    protocolVersion: 5 as const,
    clientId: 'linetwin-cr1',
    username: 'viewer',
    password: 'hunter2-secret',
    tls: { ca: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----', key: 'PRIVATE-KEY-PEM', rejectUnauthorized: true },
  };

  it('saves profiles as JSON without secrets when the SecretStore cannot persist them', async () => {
    const secrets = new MemorySecretStore();
    const store = new ProfileStore(file, secrets);
    const saved = await store.save(input);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('PRIVATE-KEY-PEM');
    expect(saved).toMatchObject({ name: 'Plant broker', hasPassword: true, tls: { hasKey: true, rejectUnauthorized: true } });
    expect(saved).not.toHaveProperty('password');
    expect(await store.resolve(saved.id)).toMatchObject({ urls: input.urls, protocolVersion: 5, password: 'hunter2-secret', tls: { key: 'PRIVATE-KEY-PEM' } });

    const afterRestart = new ProfileStore(file, new MemorySecretStore());
    const list = await afterRestart.list();
    expect(list.passwordStorage.persistent).toBe(false);
    expect(list.passwordStorage.note).toMatch(/memory only/);
    expect(list.profiles).toHaveLength(1);
    expect((await afterRestart.resolve(saved.id))?.password).toBeUndefined();
  });

  it('keeps a saved password when an update leaves it out, and removes it for an empty string', async () => {
    const store = new ProfileStore(file, new MemorySecretStore());
    const { id } = await store.save(input);
    await store.save({ ...input, id, name: 'Renamed', password: undefined });
    expect(await store.resolve(id)).toMatchObject({ password: 'hunter2-secret' });
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['Renamed']);
    const cleared = await store.save({ ...input, id, password: '' });
    expect(cleared.hasPassword).toBe(false);
    expect((await store.resolve(id))?.password).toBeUndefined();
  });

  it('rejects invalid profiles with the field and reason', async () => {
    const store = new ProfileStore(undefined, new MemorySecretStore());
    await expect(store.save({ ...input, urls: ['http://x'] })).rejects.toThrow(/urls\.0: unsupported scheme http:/);
    await expect(store.save({ ...input, protocolVersion: 3 })).rejects.toThrow(ProfileError);
    await expect(store.save({ ...input, extra: 1 })).rejects.toThrow(ProfileError);
    await expect(store.save({ ...input, id: 'nope' })).rejects.toThrow(/no profile with id/);
    await expect(store.save(null)).rejects.toThrow(ProfileError);
  });

  it('verifies certificates unless the profile turns it off', async () => {
    const store = new ProfileStore(undefined, new MemorySecretStore());
    const { id } = await store.save({ ...input, tls: undefined, urls: ['mqtt://127.0.0.1:1883'] });
    expect((await store.resolve(id))?.tls).toBeUndefined();
    const off = await store.save({ ...input, tls: { rejectUnauthorized: false } });
    expect((await store.resolve(off.id))?.tls?.rejectUnauthorized).toBe(false);
  });
});
