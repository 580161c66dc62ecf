import { RateLimitedError } from '../../errors/RateLimitedError';
import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../errors/UpstreamRejectedError';
import { errorForStatus } from '../../errors/errorForStatus';
import type { UpstreamError } from '../../errors/UpstreamError';
import { parseRetryAfter } from '../../http/parseRetryAfter';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { isRecord } from '../../schema/readArgs';

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
 * The JSON of a model API's answer, or the typed error its status means, with the provider's
 * error code as `reason` when it is a known one:
 *
 * - 400 `context_length_exceeded`: UPSTREAM_REJECTED, the prompt does not fit the model;
 * - 429: RATE_LIMITED with `retryAfterSeconds` (after the Retry-After waits the gateway allows),
 *   or UPSTREAM_REJECTED when it is `insufficient_quota` (retrying will not help);
 * - otherwise the status ladder every connector shares (`errorForStatus`);
 * - a 2xx body that is not JSON: UPSTREAM_BAD_RESPONSE, `malformed_reply`.
 *
 * Pure.
 */
export function parseModelResponse(response: UpstreamResponse): unknown {
  const { source, status } = response;
  if (status >= 200 && status < 300) {
    try {
      return response.json();
    } catch (error) {
      throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with a body that is not valid JSON`, {
        status,
        cause: error,
        extensions: { reason: 'malformed_reply' },
      });
    }
  }
  throw modelError(response, providerCode(response));
}

function modelError(response: UpstreamResponse, code: string | undefined): UpstreamError {
  const { source, status } = response;
  const options = { status, ...(code === undefined ? {} : { extensions: { reason: code } }) };
  if (code === 'context_length_exceeded') {
    return new UpstreamRejectedError(source, `The prompt is longer than the model of "${source}" accepts`, options);
  }
  if (status === 429 && code !== 'insufficient_quota') {
    const waitMs = parseRetryAfter(
      { retryAfterMs: response.header('retry-after-ms'), retryAfter: response.header('retry-after') },
      Date.now(),
    );
    return new RateLimitedError(
      source,
      `Upstream "${source}" is rate limiting the gateway`,
      waitMs === undefined ? undefined : Math.ceil(waitMs / 1000),
      options,
    );
  }
  return (
    errorForStatus(source, status, options) ?? new UpstreamBadResponseError(source, `Upstream "${source}" answered HTTP ${status}`, options)
  );
}

/** The provider's `error.code` (or `error.type`) when the body is an OpenAI-style error and the code a known one. */
function providerCode(response: UpstreamResponse): string | undefined {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return undefined;
  }
  const error = isRecord(body) ? body['error'] : undefined;
  if (!isRecord(error)) return undefined;
  for (const candidate of [error['code'], error['type']]) {
    if (typeof candidate === 'string' && KNOWN_CODES.has(candidate)) return candidate;
  }
  return undefined;
}
