import type { LoaderRegistry } from './LoaderRegistry';

/** The caller as the gateway knows it after verifying credentials. */
export interface Caller {
  /** Token subject or API-key owner; undefined for an anonymous caller. */
  readonly subject: string | undefined;
  /** Verified token claims, readable by templates as {claims.…}. */
  readonly claims: Readonly<Record<string, unknown>>;
}

export const ANONYMOUS: Caller = Object.freeze({ subject: undefined, claims: Object.freeze({}) });

/** The GraphQL context of one request. */
export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: LoaderRegistry;
}
