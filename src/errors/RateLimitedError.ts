import { UpstreamError, type UpstreamErrorOptions } from './UpstreamError';

/**
 * A limit stops the call: the caller's token budget is spent (no upstream call is made), or the
 * upstream itself answered 429 and its Retry-After was longer than the gateway waits. Retryable,
 * after `retryAfterSeconds` when it is known.
 */
export class RateLimitedError extends UpstreamError {
  readonly code = 'RATE_LIMITED';
  readonly retryable = true;
  readonly retryAfterSeconds: number | undefined;

  constructor(source: string, message: string, retryAfterSeconds: number | undefined, options: UpstreamErrorOptions = {}) {
    super(source, message, {
      ...options,
      extensions: { ...options.extensions, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
