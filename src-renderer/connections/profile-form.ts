import { MAX_BROKER_URLS, validateBrokerUrl, type ProfileInput, type ProfileSummary } from '../../src-main/shared/connection-profile';
import type { StringKey } from '../i18n/strings';

/** What the profile editor holds while the user types; secrets are only ever new values. */
export interface ProfileForm {
  id?: string;
  name: string;
  /** One broker URL per line, tried in order. */
  urlsText: string;
  protocolVersion: 4 | 5;
  clientId: string;
  username: string;
  /** A new password; empty keeps the saved one (the renderer never sees it). */
  password: string;
  hasSavedPassword: boolean;
  removePassword: boolean;
  /** PEM text of the CA and client certificate; not secret, so shown and sent back as saved. */
  ca: string;
  cert: string;
  /** A client key read from a file in this edit; empty keeps the saved one. */
  key: string;
  hasSavedKey: boolean;
  removeKey: boolean;
  rejectUnauthorized: boolean;
  /** As typed; empty means the client's default. */
  keepaliveSeconds: string;
  sparkplugRebirthRequests: boolean;
}

export type FormField = 'name' | 'urls' | 'username' | 'password' | 'ca' | 'cert' | 'key' | 'keepaliveSeconds' | 'form';

/** A message for one field: a string key and the values for its `{placeholders}`. */
export interface FieldError {
  key: StringKey;
  params?: Record<string, string>;
}

export type FormErrors = Partial<Record<FormField, FieldError[]>>;

export function emptyForm(): ProfileForm {
  return {
    name: '',
    urlsText: '',
    protocolVersion: 4,
    clientId: '',
    username: '',
    password: '',
    hasSavedPassword: false,
    removePassword: false,
    ca: '',
    cert: '',
    key: '',
    hasSavedKey: false,
    removeKey: false,
    rejectUnauthorized: true,
    keepaliveSeconds: '',
    sparkplugRebirthRequests: false,
  };
}

export function formFromProfile(p: ProfileSummary): ProfileForm {
  return {
    ...emptyForm(),
    id: p.id,
    name: p.name,
    urlsText: p.urls.join('\n'),
    protocolVersion: p.protocolVersion,
    clientId: p.clientId ?? '',
    username: p.username ?? '',
    hasSavedPassword: p.hasPassword,
    ca: p.tls?.ca ?? '',
    cert: p.tls?.cert ?? '',
    hasSavedKey: p.tls?.hasKey ?? false,
    rejectUnauthorized: p.tls?.rejectUnauthorized ?? true,
    keepaliveSeconds: p.keepaliveSeconds === undefined ? '' : String(p.keepaliveSeconds),
    sparkplugRebirthRequests: p.sparkplugRebirthRequests ?? false,
  };
}

/** The broker URLs of the text box, with a problem per offending line (1-based, blank lines skipped). */
export function parseBrokerUrls(text: string): { urls: string[]; errors: FieldError[] } {
  const urls: string[] = [];
  const errors: FieldError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const url = raw.trim();
    if (!url) return;
    const problem = validateBrokerUrl(url);
    if (problem) errors.push({ key: 'conn.err.urlLine', params: { line: String(i + 1), problem } });
    else urls.push(url);
  });
  if (urls.length === 0 && errors.length === 0) errors.push({ key: 'conn.err.urlsEmpty' });
  if (urls.length + errors.length > MAX_BROKER_URLS) errors.push({ key: 'conn.err.urlsTooMany', params: { max: String(MAX_BROKER_URLS) } });
  return { urls, errors };
}

/** Whether a file the user picked is PEM text at all; a DER file would only fail later, at the TLS handshake. */
export function pemProblem(text: string): FieldError | undefined {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text) ? undefined : { key: 'conn.err.notPem' };
}

/** Problems the form can see before asking the host, which checks everything again. */
export function validateForm(form: ProfileForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = [{ key: 'conn.err.nameRequired' }];
  const urls = parseBrokerUrls(form.urlsText).errors;
  if (urls.length) errors.urls = urls;
  return errors;
}

/**
 * The profile to save. Secrets follow saveProfile's rule: absent keeps the saved one, an empty
 * string removes it. TLS is sent whenever it carries anything, so a saved client key is kept.
 */
export function toProfileInput(form: ProfileForm): ProfileInput {
  const password = form.removePassword ? '' : form.password || undefined;
  const key = form.removeKey ? '' : form.key || undefined;
  // Without a TLS block the host drops the client key, which is what removing the last of TLS means.
  const hasKeyAfter = Boolean(form.key) || (form.hasSavedKey && !form.removeKey);
  const tls = form.ca || form.cert || hasKeyAfter || !form.rejectUnauthorized;
  const keepalive = form.keepaliveSeconds.trim();
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    urls: parseBrokerUrls(form.urlsText).urls,
    protocolVersion: form.protocolVersion,
    ...(form.clientId.trim() ? { clientId: form.clientId.trim() } : {}),
    ...(form.username ? { username: form.username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(tls
      ? { tls: { ...(form.ca ? { ca: form.ca } : {}), ...(form.cert ? { cert: form.cert } : {}), ...(key !== undefined ? { key } : {}), rejectUnauthorized: form.rejectUnauthorized } }
      : {}),
    ...(keepalive ? { keepaliveSeconds: Number(keepalive) } : {}),
    ...(form.sparkplugRebirthRequests ? { sparkplugRebirthRequests: true } : {}),
  };
}

const SERVER_FIELDS: Record<string, FormField> = {
  name: 'name',
  urls: 'urls',
  username: 'username',
  password: 'password',
  'tls.ca': 'ca',
  'tls.cert': 'cert',
  'tls.key': 'key',
  keepaliveSeconds: 'keepaliveSeconds',
};

/**
 * Places the host's refusal ("profile urls.1: …", possibly wrapped by the Electron IPC error)
 * beside the field it names; anything else goes above the form.
 */
export function serverErrors(message: string): FormErrors {
  const m = /profile ([\w.]+): (.*)$/s.exec(message);
  const path = m?.[1] ?? '';
  const field = SERVER_FIELDS[path] ?? SERVER_FIELDS[path.replace(/\.\d+$/, '')] ?? 'form';
  return { [field]: [{ key: 'conn.err.rejected', params: { problem: m ? (m[2] ?? '') : message } }] };
}

/** Fills a string's `{name}` placeholders. */
export function formatMessage(text: string, params: Record<string, string> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
