import { ConfigError } from './GatewayConfig';
import type { ApiKeyGrant, AuthConfig } from '../auth/AuthConfig';
import type { IntrospectionSettings } from '../auth/introspectToken';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads authentication settings. `API_KEYS` is a JSON list of
 * `{ "sha256": "<hex of the key>", "subject": "partner-acme", "scopes": ["orders:status"] }`:
 * the keys themselves are never configured, only their hashes.
 */
export function loadAuthConfig(env: Env, fallbackSecret?: string): AuthConfig {
  const problems: string[] = [];
  const secret = env['JWT_SECRET'] || fallbackSecret;
  if (env['JWT_SECRET'] && env['JWT_SECRET'].length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  let jwksUrl: URL | undefined;
  if (env['JWKS_URL']) {
    try {
      jwksUrl = new URL(env['JWKS_URL']);
    } catch {
      problems.push(`JWKS_URL "${env['JWKS_URL']}" is not a URL`);
    }
  }
  const tolerance = Number(env['JWT_CLOCK_TOLERANCE_SECONDS'] || 30);
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) {
    problems.push('JWT_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300');
  }
  const apiKeys = parseApiKeys(env['API_KEYS'], problems);
  const introspection = readIntrospection(env, problems);
  if (problems.length > 0) throw new ConfigError(`Invalid authentication settings:\n  ${problems.join('\n  ')}`);
  return Object.freeze({
    jwtSecret: secret ? new TextEncoder().encode(secret) : undefined,
    jwksUrl,
    issuer: env['JWT_ISSUER'] || undefined,
    audience: env['JWT_AUDIENCE'] || undefined,
    clockToleranceSeconds: tolerance,
    apiKeys,
    introspection,
  });
}

/** `INTROSPECTION_URL` with `INTROSPECTION_CLIENT_ID`/`_SECRET`: opaque tokens are checked there (RFC 7662). */
function readIntrospection(env: Env, problems: string[]): IntrospectionSettings | undefined {
  const url = env['INTROSPECTION_URL'];
  if (!url) return undefined;
  const clientId = env['INTROSPECTION_CLIENT_ID'];
  const clientSecret = env['INTROSPECTION_CLIENT_SECRET'];
  if (!clientId || !clientSecret) problems.push('INTROSPECTION_URL needs INTROSPECTION_CLIENT_ID and INTROSPECTION_CLIENT_SECRET');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    problems.push(`INTROSPECTION_URL "${url}" is not a URL`);
  }
  const cacheSeconds = Number(env['INTROSPECTION_CACHE_SECONDS'] || 60);
  if (!Number.isInteger(cacheSeconds) || cacheSeconds < 0 || cacheSeconds > 3600)
    problems.push('INTROSPECTION_CACHE_SECONDS must be an integer from 0 to 3600');
  if (!parsed || !clientId || !clientSecret) return undefined;
  return Object.freeze({ url: parsed, clientId, clientSecret, cacheSeconds });
}

function parseApiKeys(text: string | undefined, problems: string[]): Map<string, ApiKeyGrant> {
  const keys = new Map<string, ApiKeyGrant>();
  if (!text) return keys;
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    problems.push('API_KEYS must be JSON: [{ "sha256": "…", "subject": "…", "scopes": ["…"] }]');
    return keys;
  }
  if (!Array.isArray(entries)) {
    problems.push('API_KEYS must be a JSON list');
    return keys;
  }
  entries.forEach((entry: unknown, index) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { sha256, subject, scopes } = record;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      problems.push(`API_KEYS[${index}].sha256 must be 64 lowercase hex characters (the SHA-256 of the key)`);
    } else if (typeof subject !== 'string' || subject.length === 0) {
      problems.push(`API_KEYS[${index}].subject must be a non-empty string`);
    } else if (!Array.isArray(scopes) || !scopes.every((scope): scope is string => typeof scope === 'string')) {
      problems.push(`API_KEYS[${index}].scopes must be a list of strings`);
    } else {
      keys.set(sha256, Object.freeze({ subject, scopes: Object.freeze([...scopes]) }));
    }
  });
  return keys;
}
