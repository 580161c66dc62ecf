import { UpstreamError } from './UpstreamError';

/** The upstream could not be reached, or answered with a 5xx status. */
export class UpstreamUnavailableError extends UpstreamError {
  readonly code = 'UPSTREAM_UNAVAILABLE';
  readonly retryable = true;
}
