/**
 * How long an upstream asks to be left alone, in milliseconds, from its answer's headers; undefined
 * when it does not say (or says something unreadable). `Retry-After` is delay-seconds or an
 * HTTP-date (RFC 9110 §10.2.3); `retry-after-ms` is the millisecond form OpenAI-compatible APIs
 * send next to it, and wins when both are present because it is more precise. Pure.
 */
export function parseRetryAfter(
  headers: { readonly retryAfterMs?: string | undefined; readonly retryAfter?: string | undefined },
  nowMs: number,
): number | undefined {
  const precise = headers.retryAfterMs?.trim();
  if (precise && /^\d+(\.\d+)?$/.test(precise)) return Number(precise);
  const text = headers.retryAfter?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // All three HTTP-date forms start with a day name; anything else is not a date, whatever Date.parse makes of it.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
