import { backoffDelay } from './backoffDelay';
import { isTransientStatus } from './isTransient';
import type { ResilienceSettings } from '../../schema/ResilienceSettings';

/** Statuses that say "not processed, come back later" (RFC 9110 §15.6.4, RFC 6585 §4). */
const NOT_PROCESSED: ReadonlySet<number> = new Set([429, 503]);

/** What is known after one attempt of a call. */
export interface AttemptOutcome {
  /** The call is safe to send twice. */
  readonly idempotent: boolean;
  /** The source declares the (non-idempotent) call safe to send again when it was not processed. */
  readonly retryWhenNotProcessed: boolean;
  /** The status of the answer; undefined when there was none. */
  readonly status: number | undefined;
  /** No answer, for a reason that may pass (a timeout, a refused connection). */
  readonly transientFailure: boolean;
  /** From `parseRetryAfter`; undefined when the upstream did not say. */
  readonly retryAfterMs: number | undefined;
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  /** Time left before the call's deadline. */
  readonly remainingMs: number;
  /** A number in [0, 1) for the backoff's full jitter. */
  readonly jitter: number;
}

/**
 * The one retry policy of every source: how long to wait before the next attempt, or undefined to
 * answer with what came back. An idempotent call is retried after any transient failure (429,
 * 502, 503, 504, a timeout, a network error) with exponential backoff and full jitter; any other
 * call only when the upstream said it did not process it *and* when to come back — no
 * Retry-After, no retry: guessing a backoff for a POST is how load storms start. Either way never
 * sooner than Retry-After asks, never when it asks for more than `maxDelayMs`, never beyond
 * `attempts`, and only when the retry can still finish before the deadline. Pure; the retry
 * budget is the caller's to check.
 */
export function planRetry(
  outcome: AttemptOutcome,
  settings: Pick<ResilienceSettings, 'attempts' | 'baseDelayMs' | 'maxDelayMs'>,
): number | undefined {
  if (outcome.attempts >= settings.attempts) return undefined;
  const { status, retryAfterMs } = outcome;
  const retriable = outcome.idempotent
    ? status === undefined
      ? outcome.transientFailure
      : isTransientStatus(status)
    : outcome.retryWhenNotProcessed && status !== undefined && NOT_PROCESSED.has(status) && retryAfterMs !== undefined;
  if (!retriable) return undefined;
  if (retryAfterMs !== undefined && retryAfterMs > settings.maxDelayMs) return undefined;
  const delayMs = backoffDelay(outcome.attempts, settings.baseDelayMs, settings.maxDelayMs, outcome.jitter, retryAfterMs);
  return delayMs < outcome.remainingMs ? delayMs : undefined;
}
