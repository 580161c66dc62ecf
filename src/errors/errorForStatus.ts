import { UpstreamBadResponseError } from './UpstreamBadResponseError';
import type { UpstreamError, UpstreamErrorOptions } from './UpstreamError';
import { UpstreamRejectedError } from './UpstreamRejectedError';
import { UpstreamUnavailableError } from './UpstreamUnavailableError';

/**
 * What an upstream's HTTP status means when the connector has nothing more specific to say: 5xx
 * is UPSTREAM_UNAVAILABLE (retryable), 4xx UPSTREAM_REJECTED (our request or credentials), any
 * other non-2xx UPSTREAM_BAD_RESPONSE; undefined for a 2xx. The one status ladder of every connector.
 */
export function errorForStatus(
  source: string,
  status: number,
  options: Omit<UpstreamErrorOptions, 'status'> = {},
): UpstreamError | undefined {
  if (status >= 200 && status < 300) return undefined;
  const withStatus = { ...options, status };
  if (status >= 500) return new UpstreamUnavailableError(source, `Upstream "${source}" failed with HTTP ${status}`, withStatus);
  if (status >= 400) return new UpstreamRejectedError(source, `Upstream "${source}" rejected the call with HTTP ${status}`, withStatus);
  return new UpstreamBadResponseError(source, `Upstream "${source}" answered with unexpected HTTP ${status}`, withStatus);
}
