/** The caller as the gateway knows it after verifying credentials. */
export interface Caller {
  /** A verified token or API key was presented. */
  readonly authenticated: boolean;
  /** Token `sub` or API-key owner; undefined for an anonymous caller. */
  readonly subject: string | undefined;
  /** Verified token claims (for an API key: sub and scope), readable by templates as {claims.…}. */
  readonly claims: Readonly<Record<string, unknown>>;
  readonly scopes: ReadonlySet<string>;
  readonly via: 'token' | 'apiKey' | 'anonymous';
}

export const ANONYMOUS: Caller = Object.freeze({
  authenticated: false,
  subject: undefined,
  claims: Object.freeze({}),
  scopes: new Set<string>(),
  via: 'anonymous',
});
