import type { IntrospectionSettings } from './introspectToken';

/** How callers are authenticated, with defaults filled in. Read by `loadAuthConfig`. */
export interface AuthConfig {
  /** HS256 secret (development, or a shared-secret deployment). */
  readonly jwtSecret: Uint8Array | undefined;
  /** Where the RS256/ES256 signing keys are published. */
  readonly jwksUrl: URL | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  /** Leeway for exp/nbf between clocks. */
  readonly clockToleranceSeconds: number;
  /** API keys by SHA-256 hash (hex) of the key. */
  readonly apiKeys: ReadonlyMap<string, ApiKeyGrant>;
  /** RFC 7662 introspection of opaque (non-JWT) bearer tokens; undefined when not configured. */
  readonly introspection?: IntrospectionSettings | undefined;
}

export interface ApiKeyGrant {
  readonly subject: string;
  readonly scopes: readonly string[];
}
