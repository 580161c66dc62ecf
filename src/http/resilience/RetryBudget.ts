/**
 * Caps retries to a fraction of the calls a source gets (Finagle's and Envoy's retry budget), so
 * a struggling upstream sees at most `ratio` extra load from retries instead of a multiple of it.
 * Every call deposits `ratio` of a token; a retry spends one. A small reserve lets a quiet source
 * still retry.
 */
export class RetryBudget {
  #tokens: number;

  constructor(
    private readonly ratio = 0.2,
    private readonly reserve = 10,
  ) {
    this.#tokens = reserve;
  }

  recordCall(): void {
    this.#tokens = Math.min(this.reserve, this.#tokens + this.ratio);
  }

  /** Takes a token for one retry; false when the budget is spent. */
  tryRetry(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
