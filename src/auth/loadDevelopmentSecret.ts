import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEVELOPMENT_SECRET_FILE = '.tributary/dev-secret';

/**
 * The HS256 secret used when neither JWT_SECRET nor JWKS_URL is set: random, created on first use
 * and kept in a git-ignored file readable only by its owner, so `npm start` and `npm run token`
 * agree without a well-known default secret that would let anyone forge tokens.
 */
export function loadDevelopmentSecret(path = DEVELOPMENT_SECRET_FILE): string {
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // Not created yet.
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}

/** Whether the environment configures real token verification. */
export function hasConfiguredVerification(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env['JWT_SECRET'] || env['JWKS_URL']);
}
