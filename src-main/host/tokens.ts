import { readFileSync, statSync } from 'node:fs';
import type { BridgeRole } from '../shared/bridge';

/** One access token: whoever holds it watches (viewer) or may also act (operator), under its name. */
export interface AccessToken {
  token: string;
  role: BridgeRole;
  name: string;
}

export interface LoadedTokens {
  tokens: AccessToken[];
  /** Where the tokens came from, to print; never the tokens themselves. */
  source: string;
  /** Something the user should fix, to print (a tokens file others can read). */
  warning?: string;
}

export const TOKENS_ENV = 'LINETWIN_TOKENS';

/** Long enough not to be guessed online; the charset keeps tokens safe in a cookie and a header. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,256}$/;
/** The same names the journal accepts as who acted. */
const NAME_PATTERN = /^[\p{L}\p{N} ._@-]{1,64}$/u;

function isRole(v: unknown): v is BridgeRole {
  return v === 'viewer' || v === 'operator';
}

/** Checks one entry; the message says which entry, never its token. */
function checked(entry: { token?: unknown; role?: unknown; name?: unknown }, where: string): AccessToken {
  if (typeof entry.token !== 'string' || !TOKEN_PATTERN.test(entry.token)) {
    throw new Error(`${where}: a token must be 16–256 characters of letters, digits or . _ ~ + / = -`);
  }
  if (!isRole(entry.role)) throw new Error(`${where}: the role must be viewer or operator`);
  if (typeof entry.name !== 'string' || !NAME_PATTERN.test(entry.name.trim())) {
    throw new Error(`${where}: the name must be 1–64 letters, digits, spaces or . _ @ -`);
  }
  return { token: entry.token, role: entry.role, name: entry.name.trim() };
}

/**
 * Tokens as JSON (`[{token, role, name}]`) or as entries `token role name`, one per line or
 * separated by commas (names hold no commas, so an environment variable can carry several).
 * Blank lines and `#` comments are skipped.
 */
export function parseTokens(text: string): AccessToken[] {
  const trimmed = text.trim();
  let tokens: AccessToken[];
  if (trimmed.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(trimmed);
    } catch {
      throw new Error('tokens: not valid JSON');
    }
    if (!Array.isArray(list)) throw new Error('tokens: JSON must be a list of {token, role, name}');
    tokens = list.map((e: unknown, i) => checked(typeof e === 'object' && e !== null ? e : {}, `token entry ${i + 1}`));
  } else {
    const entries = trimmed
      .split(/[\n,]/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    tokens = entries.map((entry, i) => {
      const [token, role, ...name] = entry.split(/\s+/);
      return checked({ token, role, name: name.join(' ') || undefined }, `token entry ${i + 1}`);
    });
  }
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    if (seen.has(t.token)) throw new Error(`token entry ${i + 1}: the same token is given twice`);
    seen.add(t.token);
  });
  return tokens;
}

/**
 * Tokens from `LINETWIN_TOKENS` or from a file, never the command line (which `ps` shows to
 * every user of the machine). Giving both is refused rather than guessing which one counts.
 */
export function loadTokens(env: Record<string, string | undefined>, file: string | undefined): LoadedTokens {
  const fromEnv = env[TOKENS_ENV];
  if (file !== undefined && fromEnv !== undefined) throw new Error(`give tokens either in ${TOKENS_ENV} or with --tokens-file, not both`);
  if (file !== undefined) {
    let text: string;
    let mode: number;
    try {
      text = readFileSync(file, 'utf8');
      mode = statSync(file).mode;
    } catch (err) {
      throw new Error(`cannot read the tokens file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const tokens = parseTokens(text);
    const warning = process.platform !== 'win32' && (mode & 0o077) !== 0 ? `the tokens file ${file} can be read by other users (chmod 600 it)` : undefined;
    return { tokens, source: `the file ${file}`, warning };
  }
  if (fromEnv !== undefined) return { tokens: parseTokens(fromEnv), source: `the environment variable ${TOKENS_ENV}` };
  return { tokens: [], source: 'nowhere' };
}
