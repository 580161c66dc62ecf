import {
  BulkheadRejectedError,
  BrokenCircuitError,
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';
import { parseRetryAfter } from '../parseRetryAfter';
import type { UpstreamRequest } from '../UpstreamRequest';
import type { UpstreamResponse } from '../UpstreamResponse';

/** What the guard reads of an attempt's answer: its status and headers (a buffered or a streamed answer). */
export type GuardedAnswer = Pick<UpstreamResponse, 'status' | 'header'>;
import { isTransientError, isTransientStatus } from './isTransient';
import { planRetry } from './planRetry';
import { MAX_QUEUED_CALLS, type ResilienceSettings } from '../../schema/ResilienceSettings';
import { RetryBudget } from './RetryBudget';

export type CircuitStateName = 'closed' | 'open' | 'half_open';

export interface SourceGuardHooks {
  onRetry?(source: string): void;
  onCircuitState?(source: string, state: CircuitStateName): void;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'open',
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Protects one source: a circuit breaker (opens on a burst of consecutive failures, fails fast,
 * probes half-open before closing), optional concurrency and rate limits that queue briefly, and
 * retries of idempotent calls — exponential backoff with full jitter, Retry-After honoured,
 * within a retry budget and the call's deadline. A non-idempotent call is sent at most once,
 * unless its source declares it may be sent again when the upstream did not process it.
 */
export class SourceGuard {
  readonly #breaker: CircuitBreakerPolicy;
  readonly #bulkhead: BulkheadPolicy | undefined;
  readonly #rate: RateLimiterQueue | undefined;
  readonly #budget = new RetryBudget();

  constructor(
    readonly source: string,
    private readonly settings: ResilienceSettings,
    private readonly hooks: SourceGuardHooks = {},
  ) {
    this.#breaker = circuitBreaker(
      handleWhen(isTransientError).orWhenResult((result) => isTransientStatus((result as GuardedAnswer).status)),
      { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.failureThreshold) },
    );
    this.#breaker.onStateChange((state) => hooks.onCircuitState?.(source, STATE_NAMES[state]));
    this.#bulkhead = settings.maxConcurrent === undefined ? undefined : bulkhead(settings.maxConcurrent, MAX_QUEUED_CALLS);
    this.#rate =
      settings.maxRequestsPerSecond === undefined
        ? undefined
        : new RateLimiterQueue(new RateLimiterMemory({ points: settings.maxRequestsPerSecond, duration: 1 }), {
            maxQueueSize: MAX_QUEUED_CALLS,
          });
  }

  get circuitState(): CircuitStateName {
    return STATE_NAMES[this.#breaker.state];
  }

  /**
   * Sends a call, and again as the source's one retry policy allows (`planRetry`) and its retry
   * budget affords. Each attempt has the call's `timeoutMs`, shrunk to what is left before its
   * `deadline`, which bounds the whole exchange, waits and retries included.
   */
  async run<Q extends UpstreamRequest, A extends GuardedAnswer>(request: Q, send: (request: Q) => Promise<A>): Promise<A> {
    this.#budget.recordCall();
    const deadline = request.deadline ?? Number.POSITIVE_INFINITY;
    let attemptRequest = request;
    for (let attempts = 1; ; attempts += 1) {
      let response: A | undefined;
      let failure: unknown;
      try {
        response = await this.#once(attemptRequest, send);
      } catch (error) {
        failure = error;
      }
      const now = Date.now();
      const delayMs = planRetry(
        {
          idempotent: request.idempotent,
          retryWhenNotProcessed: request.retryWhenNotProcessed === true,
          status: response?.status,
          transientFailure: response === undefined && isTransientError(failure),
          retryAfterMs:
            response &&
            parseRetryAfter({ retryAfterMs: response.header('retry-after-ms'), retryAfter: response.header('retry-after') }, now),
          attempts,
          remainingMs: deadline - now,
          jitter: Math.random(),
        },
        this.settings,
      );
      if (delayMs === undefined || !this.#budget.tryRetry()) {
        if (response) return response;
        throw failure;
      }
      this.hooks.onRetry?.(this.source);
      await sleep(delayMs);
      attemptRequest = { ...request, timeoutMs: Math.max(1, Math.min(request.timeoutMs, deadline - Date.now())) };
    }
  }

  async #once<Q extends UpstreamRequest, A extends GuardedAnswer>(request: Q, send: (request: Q) => Promise<A>): Promise<A> {
    try {
      return await this.#breaker.execute(async () => {
        if (this.#rate) await this.#rate.removeTokens(1).catch(() => Promise.reject(this.#queueFull('rate')));
        return this.#bulkhead ? this.#bulkhead.execute(() => send(request)) : send(request);
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new UpstreamUnavailableError(
          this.source,
          `Upstream "${this.source}" is failing; calls are paused while its circuit is open`,
          {
            cause: error,
            extensions: { circuit: 'open' },
          },
        );
      }
      if (error instanceof BulkheadRejectedError) throw this.#queueFull('concurrency');
      throw error;
    }
  }

  #queueFull(limit: 'rate' | 'concurrency'): UpstreamUnavailableError {
    return new UpstreamUnavailableError(this.source, `Upstream "${this.source}" is at its ${limit} limit and the queue is full`, {
      extensions: { limit },
    });
  }
}
