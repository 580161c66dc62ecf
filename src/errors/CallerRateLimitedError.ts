import { GatewayError, type HttpRefusal } from './GatewayError';

/** The caller's request budget is spent: the whole request is refused with 429 and Retry-After. */
export class CallerRateLimitedError extends GatewayError {
  readonly code = 'RATE_LIMITED';
  readonly retryable = true;

  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded: try again in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
  }

  override get http(): HttpRefusal {
    return { status: 429, headers: { 'retry-after': String(this.retryAfterSeconds) } };
  }
}
