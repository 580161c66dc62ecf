export interface RestartPolicyOptions {
  /** Wait before replacing the first worker that died in a while. */
  readonly baseDelayMs: number;
  /** Longest wait before a replacement. */
  readonly maxDelayMs: number;
  /** Deaths further back than this are forgotten. */
  readonly windowMs: number;
  /** More deaths than this within the window is a crash loop: give up. */
  readonly maxFailures: number;
}

export const RESTART_DEFAULTS: RestartPolicyOptions = Object.freeze({
  baseDelayMs: 100,
  maxDelayMs: 5000,
  windowMs: 60_000,
  maxFailures: 5,
});

/**
 * When to replace a worker that died: soon after a lone death, twice as late after each further
 * death within the window, and not at all past `maxFailures` — a crash loop that restarts would
 * only hide (and whose every start costs a schema compile), better stopped and reported to
 * whatever supervises the gateway. Pure: the caller passes the clock.
 */
export class RestartPolicy {
  readonly #deaths: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = RESTART_DEFAULTS) {}

  /** Records a death at `nowMs`; returns the wait before the replacement starts, or undefined to give up. */
  next(nowMs: number): number | undefined {
    const forgetBefore = nowMs - this.options.windowMs;
    while ((this.#deaths[0] ?? Number.POSITIVE_INFINITY) <= forgetBefore) this.#deaths.shift();
    this.#deaths.push(nowMs);
    const recent = this.#deaths.length;
    if (recent > this.options.maxFailures) return undefined;
    return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (recent - 1));
  }
}
