/** How one source's calls are protected, with defaults filled in (from `@source`). */
export interface ResilienceSettings {
  /** Attempts of an idempotent call in all (1 = no retry). */
  readonly attempts: number;
  /** First backoff before full jitter; doubles per retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit fails fast before one probe call is let through (half-open). */
  readonly halfOpenAfterMs: number;
  /** Most calls in flight to the source; more wait in a short queue. Undefined: no limit. */
  readonly maxConcurrent: number | undefined;
  /** Most calls started per second; more wait briefly. Undefined: no limit. */
  readonly maxRequestsPerSecond: number | undefined;
}

export const RESILIENCE_DEFAULTS: ResilienceSettings = Object.freeze({
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  failureThreshold: 5,
  halfOpenAfterMs: 10_000,
  maxConcurrent: undefined,
  maxRequestsPerSecond: undefined,
});

/** Calls waiting for a concurrency slot or a rate token, at most, before one is refused. */
export const MAX_QUEUED_CALLS = 200;
