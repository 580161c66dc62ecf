import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { RateLimitedError } from '../../errors/RateLimitedError';
import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { UpstreamError } from '../../errors/UpstreamError';
import { UpstreamRejectedError } from '../../errors/UpstreamRejectedError';
import { UpstreamTimeoutError } from '../../errors/UpstreamTimeoutError';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';
import { errorForStatus } from '../../errors/errorForStatus';
import { parseRetryAfter } from '../../http/parseRetryAfter';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

/**
 * Provider error codes passed on as `extensions.reason`. Only these: a code is part of the
 * provider's body, and nothing else of a body reaches clients.
 */
const KNOWN_CODES: ReadonlySet<string> = new Set([
  'context_length_exceeded',
  'insufficient_quota',
  'invalid_api_key',
  'model_not_found',
  'rate_limit_exceeded',
  'content_filter',
  'content_policy_violation',
  'invalid_request_error',
]);

/**
 * Turns what the OpenAI client throws into the gateway's typed errors, once. Transport failures
 * come back as the `UpstreamError` the transport threw (the client wraps it); HTTP errors map by
 * status, with the provider's code as `reason` when it is a known one:
 *
 * - 400 `context_length_exceeded`: UPSTREAM_REJECTED, the prompt does not fit the model;
 * - 429: RATE_LIMITED with `retryAfterSeconds` (after the Retry-After waits the gateway allows),
 *   or UPSTREAM_REJECTED when it is `insufficient_quota` (retrying will not help);
 * - 5xx: UPSTREAM_UNAVAILABLE; any other 4xx: UPSTREAM_REJECTED (our request or credentials).
 *
 * Anything else is returned untouched, to be masked as INTERNAL_SERVER_ERROR.
 */
export function toInferenceError(source: InferenceSourceConfig, error: unknown): unknown {
  const name = source.name;
  if (error instanceof UpstreamError) return error;
  if (error instanceof APIConnectionError || error instanceof APIConnectionTimeoutError) {
    for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
      if (cause instanceof UpstreamError) return cause;
    }
    if (error instanceof APIConnectionTimeoutError) return new UpstreamTimeoutError(name, source.timeoutMs, { cause: error });
    return new UpstreamUnavailableError(name, `Upstream "${name}" could not be reached`, { cause: error });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status: number = error.status;
    const headers = error.headers as Headers | undefined;
    const code = typeof error.code === 'string' && KNOWN_CODES.has(error.code) ? error.code : undefined;
    const options = { status, cause: error, ...(code === undefined ? {} : { extensions: { reason: code } }) };
    if (code === 'context_length_exceeded') {
      return new UpstreamRejectedError(name, `The prompt is longer than the model of "${name}" accepts`, options);
    }
    if (status === 429 && code !== 'insufficient_quota') {
      const waitMs = parseRetryAfter(
        { retryAfterMs: headers?.get('retry-after-ms') ?? undefined, retryAfter: headers?.get('retry-after') ?? undefined },
        Date.now(),
      );
      return new RateLimitedError(
        name,
        `Upstream "${name}" is rate limiting the gateway`,
        waitMs === undefined ? undefined : Math.ceil(waitMs / 1000),
        options,
      );
    }
    if (status >= 400) return errorForStatus(name, status, options);
  }
  // A 2xx body that is not JSON.
  if (error instanceof SyntaxError) {
    return new UpstreamBadResponseError(name, `Upstream "${name}" answered with a body that is not valid JSON`, {
      cause: error,
      extensions: { reason: 'malformed_reply' },
    });
  }
  return error;
}
