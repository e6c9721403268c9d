import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { MAX_BROKER_URLS, validateBrokerUrl, type ConnectionProfile, type ProfileInput, type ProfileList, type ProfileSummary } from '../../shared/connection-profile';
import type { SecretStore } from './secret-store';

const MAX_PROFILES = 100;
const MAX_PEM_CHARS = 64 * 1024;

/** A profile the user cannot save, with the field and the reason. */
export class ProfileError extends Error {}

const brokerUrl = z
  .string()
  .max(2048)
  .superRefine((url, ctx) => {
    const problem = validateBrokerUrl(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const pem = z.string().max(MAX_PEM_CHARS);
const common = {
  name: z.string().trim().min(1).max(100),
  urls: z.array(brokerUrl).min(1).max(MAX_BROKER_URLS),
  protocolVersion: z.union([z.literal(4), z.literal(5)]),
  clientId: z.string().max(128).optional(),
  username: z.string().max(256).optional(),
  keepaliveSeconds: z.number().int().min(0).max(3600).optional(),
  sparkplugRebirthRequests: z.boolean().optional(),
};

const profileInputSchema = z
  .object({
    ...common,
    id: z.string().min(1).max(64).optional(),
    password: z.string().max(1024).optional(),
    tls: z.object({ ca: pem.optional(), cert: pem.optional(), key: pem.optional(), rejectUnauthorized: z.boolean() }).strict().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // MQTT 3.1.1 forbids a password without a user name; brokers drop such a connection.
    if (p.protocolVersion === 4 && p.password && !p.username) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'MQTT 3.1.1 needs a user name when a password is set' });
    }
  });

/** One profile on disk: secrets only as the SecretStore's blobs. */
const storedProfileSchema = z
  .object({
    ...common,
    id: z.string().min(1),
    hasPassword: z.boolean(),
    tls: z.object({ ca: pem.optional(), cert: pem.optional(), hasKey: z.boolean(), rejectUnauthorized: z.boolean() }).strict().optional(),
    sealed: z.object({ password: z.string().optional(), key: z.string().optional() }).strict().optional(),
  })
  .strict();
const profileFileSchema = z.object({ version: z.literal(1), profiles: z.array(storedProfileSchema).max(MAX_PROFILES) }).strict();

type StoredProfile = z.infer<typeof storedProfileSchema>;

const secretKey = (id: string, what: 'password' | 'key'): string => `profile/${id}/${what}`;

/**
 * Broker connection profiles saved as JSON. Host-agnostic: the Electron shell hands it a
 * SecretStore backed by safeStorage, the headless host one that keeps secrets in memory only.
 * `file` undefined keeps the profiles themselves in memory too (tests, throwaway hosts).
 */
export class ProfileStore {
  private memory: StoredProfile[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly secrets: SecretStore,
  ) {}

  async list(): Promise<ProfileList> {
    const profiles = await this.read();
    return {
      profiles: profiles.map(({ sealed: _sealed, ...summary }) => summary satisfies ProfileSummary),
      passwordStorage: { persistent: this.secrets.persistent, note: this.secrets.note },
    };
  }

  /** Validates and saves `input` (from the renderer, so untrusted); returns what was saved. */
  async save(input: unknown): Promise<ProfileSummary> {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProfileError(`profile ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    const p: ProfileInput = parsed.data;
    const profiles = await this.read();
    const existing = p.id === undefined ? undefined : profiles.find((x) => x.id === p.id);
    if (p.id !== undefined && !existing) throw new ProfileError(`no profile with id ${p.id}`);
    if (!existing && profiles.length >= MAX_PROFILES) throw new ProfileError(`at most ${MAX_PROFILES} profiles`);
    const id = existing?.id ?? randomUUID();

    const sealed = { ...existing?.sealed };
    const password = this.keepSecret(id, 'password', p.password, existing?.hasPassword ?? false, sealed);
    // A profile without TLS has no client key either.
    const hasKey = this.keepSecret(id, 'key', p.tls ? p.tls.key : '', existing?.tls?.hasKey ?? false, sealed);
    const stored: StoredProfile = {
      id,
      name: p.name,
      urls: p.urls,
      protocolVersion: p.protocolVersion,
      ...(p.clientId ? { clientId: p.clientId } : {}),
      ...(p.username ? { username: p.username } : {}),
      ...(p.keepaliveSeconds !== undefined ? { keepaliveSeconds: p.keepaliveSeconds } : {}),
      ...(p.sparkplugRebirthRequests ? { sparkplugRebirthRequests: true } : {}),
      hasPassword: password,
      ...(p.tls ? { tls: { ...(p.tls.ca ? { ca: p.tls.ca } : {}), ...(p.tls.cert ? { cert: p.tls.cert } : {}), hasKey, rejectUnauthorized: p.tls.rejectUnauthorized } } : {}),
      ...(sealed.password !== undefined || sealed.key !== undefined ? { sealed } : {}),
    };
    await this.write(existing ? profiles.map((x) => (x.id === id ? stored : x)) : [...profiles, stored]);
    const { sealed: _sealed, ...summary } = stored;
    return summary;
  }

  /** The profile to connect with, secrets included; undefined when there is no such profile. */
  async resolve(id: string): Promise<ConnectionProfile | undefined> {
    const p = (await this.read()).find((x) => x.id === id);
    if (!p) return undefined;
    const password = p.hasPassword ? this.secrets.get(secretKey(id, 'password'), p.sealed?.password) : undefined;
    const key = p.tls?.hasKey ? this.secrets.get(secretKey(id, 'key'), p.sealed?.key) : undefined;
    return {
      urls: p.urls,
      protocolVersion: p.protocolVersion,
      clientId: p.clientId,
      username: p.username,
      password,
      keepaliveSeconds: p.keepaliveSeconds,
      sparkplugRebirthRequests: p.sparkplugRebirthRequests,
      ...(p.tls ? { tls: { ca: p.tls.ca, cert: p.tls.cert, key, rejectUnauthorized: p.tls.rejectUnauthorized } } : {}),
    };
  }

  /** Applies one secret field of an input; returns whether the profile has that secret afterwards. */
  private keepSecret(id: string, what: 'password' | 'key', value: string | undefined, had: boolean, sealed: { password?: string; key?: string }): boolean {
    if (value === undefined) return had;
    const key = secretKey(id, what);
    if (value === '') {
      this.secrets.delete(key);
      delete sealed[what];
      return false;
    }
    const blob = this.secrets.put(key, value);
    if (blob === undefined) delete sealed[what];
    else sealed[what] = blob;
    return true;
  }

  private async read(): Promise<StoredProfile[]> {
    if (this.file === undefined) return this.memory;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ProfileError(`${this.file}: not valid JSON: ${(err as Error).message}`);
    }
    const parsed = profileFileSchema.safeParse(json);
    if (!parsed.success) throw new ProfileError(`${this.file}: ${parsed.error.issues[0]?.message ?? 'invalid profile file'}`);
    return parsed.data.profiles;
  }

  private async write(profiles: StoredProfile[]): Promise<void> {
    if (this.file === undefined) {
      this.memory = profiles;
      return;
    }
    await mkdir(dirname(this.file), { recursive: true });
    // Written beside and renamed over, so a crash mid-write never leaves a truncated file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
