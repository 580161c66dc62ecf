/**
 * The one error family that transport and connectors throw. Each subclass fixes the client-facing
 * `code` and whether a client may retry; `toGraphQLError` is the only place that turns them into
 * GraphQL errors. Messages are written for clients: never an upstream body, URL query or secret.
 */
export type UpstreamErrorCode =
  'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_REJECTED' | 'UPSTREAM_BAD_RESPONSE' | 'RATE_LIMITED';

export interface UpstreamErrorOptions {
  /** HTTP status the upstream answered with, when it answered. */
  status?: number;
  cause?: unknown;
  /** Extra client-safe extensions (e.g. a SOAP fault code). */
  extensions?: Record<string, string | number | boolean>;
}

export abstract class UpstreamError extends Error {
  abstract readonly code: UpstreamErrorCode;
  abstract readonly retryable: boolean;
  readonly status: number | undefined;
  readonly extensions: Readonly<Record<string, string | number | boolean>>;

  constructor(
    readonly source: string,
    message: string,
    options: UpstreamErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.extensions = options.extensions ?? {};
  }
}
