/**
 * The wait before retry number `retry` (1-based): exponential backoff with full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"), but never less than what the
 * upstream asked for in Retry-After. Pure; `random` is in [0, 1).
 */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: number, retryAfterMs?: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}
