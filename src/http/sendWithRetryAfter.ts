import { UpstreamTimeoutError } from '../errors/UpstreamTimeoutError';
import type { HttpTransport } from './HttpTransport';
import { parseRetryAfter } from './parseRetryAfter';
import type { UpstreamRequest } from './UpstreamRequest';
import type { UpstreamResponse } from './UpstreamResponse';

/** When a call that was turned away may be sent again. */
export interface RetryAfterPolicy {
  /** Statuses that say "not processed, come back later": 429 and 503 (RFC 9110 §15.6.4, RFC 6585 §4). */
  readonly statuses: ReadonlySet<number>;
  /** Most retries after the first attempt. */
  readonly maxRetries: number;
  /** Longest Retry-After the caller is made to wait; a longer one is answered as it is. */
  readonly maxWaitMs: number;
}

export interface RetryInput {
  readonly status: number;
  /** From `parseRetryAfter`; undefined when the upstream did not say. */
  readonly retryAfterMs: number | undefined;
  /** Retries made so far. */
  readonly retries: number;
  /** Time left before the call's deadline. */
  readonly remainingMs: number;
  /** A number in [0, 1) that spreads retries of many callers told the same Retry-After. */
  readonly jitter: number;
}

/**
 * How long to wait before sending the call again, or undefined to answer with what came back. A
 * call is retried only when the upstream said it was not processed (429, 503) *and* said when to
 * come back, that wait is within the policy's bound, and a retry can still finish before the
 * deadline. No Retry-After, no retry: guessing a backoff for a non-idempotent POST is how load
 * storms start. Pure.
 */
export function planRetry(input: RetryInput, policy: RetryAfterPolicy): number | undefined {
  if (!policy.statuses.has(input.status) || input.retries >= policy.maxRetries) return undefined;
  if (input.retryAfterMs === undefined || input.retryAfterMs > policy.maxWaitMs) return undefined;
  // Up to 10% more than asked (at most 250 ms), never less: Retry-After is a minimum.
  const delayMs = Math.ceil(input.retryAfterMs + Math.min(250, input.retryAfterMs * 0.1) * input.jitter);
  return delayMs < input.remainingMs ? delayMs : undefined;
}

export interface RetryAfterHooks {
  /** Before every attempt, the first included (for per-request call counts). */
  beforeAttempt?(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a call through the transport, and again only as `planRetry` allows. `request.timeoutMs` is
 * the deadline of the whole exchange, waits and retries included. Every attempt goes through the
 * transport, so each is counted, timed and capped like any other call.
 */
export async function sendWithRetryAfter(
  transport: HttpTransport,
  request: UpstreamRequest,
  policy: RetryAfterPolicy,
  hooks: RetryAfterHooks = {},
): Promise<UpstreamResponse> {
  const deadline = Date.now() + request.timeoutMs;
  for (let retries = 0; ; retries += 1) {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) throw new UpstreamTimeoutError(request.source, request.timeoutMs);
    hooks.beforeAttempt?.();
    let response: UpstreamResponse;
    try {
      response = await transport.send({ ...request, timeoutMs: remainingMs });
    } catch (error) {
      // A retry's own deadline is what was left of the whole one; report the whole one.
      if (retries > 0 && error instanceof UpstreamTimeoutError)
        throw new UpstreamTimeoutError(request.source, request.timeoutMs, { cause: error });
      throw error;
    }
    const now = Date.now();
    const delayMs = planRetry(
      {
        status: response.status,
        retryAfterMs: parseRetryAfter({ retryAfterMs: response.header('retry-after-ms'), retryAfter: response.header('retry-after') }, now),
        retries,
        remainingMs: deadline - now,
        jitter: Math.random(),
      },
      policy,
    );
    if (delayMs === undefined) return response;
    await sleep(delayMs);
  }
}
