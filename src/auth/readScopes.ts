/**
 * Scopes granted by a token: `scope` as a space-separated string (RFC 8693 §4.2, OAuth 2.0), or
 * `scp` as an array or a space-separated string (Azure AD, Okta).
 */
export function readScopes(claims: Readonly<Record<string, unknown>>): Set<string> {
  const scopes = new Set<string>();
  for (const value of [claims['scope'], claims['scp']]) {
    const parts = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
    for (const part of parts) if (typeof part === 'string' && part.length > 0) scopes.add(part);
  }
  return scopes;
}
