import { GatewayError, type ErrorDetails } from './GatewayError';

export type UpstreamErrorCode =
  'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_REJECTED' | 'UPSTREAM_BAD_RESPONSE' | 'RATE_LIMITED';

export interface UpstreamErrorOptions {
  /** HTTP status the upstream answered with, when it answered. */
  status?: number;
  cause?: unknown;
  /** Extra client-safe extensions (e.g. a SOAP fault code). */
  extensions?: ErrorDetails;
}

/**
 * What the transport and the connectors throw: a call to one source failed. The client reads the
 * source's name and, when the upstream answered, its HTTP status.
 */
export abstract class UpstreamError extends GatewayError {
  abstract override readonly code: UpstreamErrorCode;
  readonly status: number | undefined;

  constructor(
    readonly source: string,
    message: string,
    options: UpstreamErrorOptions = {},
  ) {
    super(message, { cause: options.cause, details: options.extensions });
    this.status = options.status;
  }

  /** The client-safe extensions given when the error was made. */
  get extensions(): ErrorDetails {
    return this.details;
  }

  override clientExtensions(): Record<string, string | number | boolean> {
    return { ...this.details, source: this.source, ...(this.status === undefined ? {} : { status: this.status }) };
  }
}
