import type { LoaderRegistry } from './LoaderRegistry';
import type { RequestAudit } from './RequestAudit';

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

/** The GraphQL context of one request. */
export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: LoaderRegistry;
  readonly audit: RequestAudit;
  /** The client's address, for per-caller limits of anonymous callers. */
  readonly clientAddress: string;
  /** Epoch ms by which every upstream call of this request must be done (REQUEST_TIMEOUT_MS). */
  readonly deadline: number;
  /** The client's request headers, for sources that forward some of them (`@source(auth: {…})`). */
  readonly clientHeaders?: Readonly<Record<string, string | string[] | undefined>>;
}
