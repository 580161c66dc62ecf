import { UpstreamTimeoutError } from '../../errors/UpstreamTimeoutError';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';

/**
 * Statuses that say "try again later" without saying the request was wrong: too many requests,
 * bad gateway, unavailable, gateway timeout. A plain 500 is left out: it is as often a
 * deterministic failure (or a SOAP fault) as a passing one.
 */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** Network failures and timeouts: the upstream may be fine a moment later. */
export function isTransientError(error: unknown): boolean {
  return error instanceof UpstreamTimeoutError || error instanceof UpstreamUnavailableError;
}
