import { UpstreamError, type UpstreamErrorOptions } from './UpstreamError';

/** The upstream did not answer within the source's `timeoutMs`. */
export class UpstreamTimeoutError extends UpstreamError {
  readonly code = 'UPSTREAM_TIMEOUT';
  readonly retryable = true;

  constructor(source: string, timeoutMs: number, options?: UpstreamErrorOptions) {
    super(
      source,
      timeoutMs > 0
        ? `Upstream "${source}" did not answer within ${timeoutMs} ms`
        : `Upstream "${source}" was not called: the request's deadline had passed`,
      options,
    );
  }
}
