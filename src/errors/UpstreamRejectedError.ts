import { UpstreamError } from './UpstreamError';

/**
 * The upstream refused the call with a 4xx status. That is about the gateway's own request or
 * credentials, not the caller's, so it is not retryable.
 */
export class UpstreamRejectedError extends UpstreamError {
  readonly code = 'UPSTREAM_REJECTED';
  readonly retryable = false;
}
