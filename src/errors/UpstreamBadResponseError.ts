import { UpstreamError } from './UpstreamError';

/** The upstream answered, but the payload cannot be used (unparseable, too large, wrong shape, fault). */
export class UpstreamBadResponseError extends UpstreamError {
  readonly code = 'UPSTREAM_BAD_RESPONSE';
  readonly retryable = false;
}
