import { parseModelResponse } from '../../src/connectors/inference/parseModelResponse';
import { RateLimitedError } from '../../src/errors/RateLimitedError';
import { UpstreamError } from '../../src/errors/UpstreamError';
import { UpstreamResponse } from '../../src/http/UpstreamResponse';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new UpstreamResponse('assistant', status, headers, Buffer.from(text));
}

function failureOf(response: UpstreamResponse): UpstreamError {
  try {
    parseModelResponse(response);
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('expected the answer to be refused');
}

const providerError = (status: number, error: Record<string, unknown>, headers?: Record<string, string>) =>
  failureOf(answer(status, { error: { message: 'provider said: secret details', ...error } }, headers));

describe('parseModelResponse', () => {
  it('gives back the JSON of a 2xx answer', () => {
    expect(parseModelResponse(answer(200, { choices: [] }))).toEqual({ choices: [] });
  });

  it('refuses a 2xx body that is not JSON as malformed_reply', () => {
    const error = failureOf(answer(200, '<html>'));
    expect([error.code, error.extensions['reason'], error.retryable]).toEqual(['UPSTREAM_BAD_RESPONSE', 'malformed_reply', false]);
  });

  it('maps context_length_exceeded to UPSTREAM_REJECTED with that reason', () => {
    const error = providerError(400, { code: 'context_length_exceeded', type: 'invalid_request_error' });
    expect([error.code, error.status, error.extensions['reason'], error.retryable]).toEqual([
      'UPSTREAM_REJECTED',
      400,
      'context_length_exceeded',
      false,
    ]);
    expect(error.message).toBe('The prompt is longer than the model of "assistant" accepts');
  });

  it('maps a 429 to RATE_LIMITED with the Retry-After in seconds, but a spent quota to UPSTREAM_REJECTED', () => {
    const limited = providerError(429, { code: 'rate_limit_exceeded' }, { 'retry-after': '120' });
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.extensions).toEqual({ reason: 'rate_limit_exceeded', retryAfterSeconds: 120 });
    expect(providerError(429, { code: 'rate_limit_exceeded' }, { 'retry-after-ms': '1500' }).extensions['retryAfterSeconds']).toBe(2);
    expect(providerError(429, { code: 'insufficient_quota' }).code).toBe('UPSTREAM_REJECTED');
  });

  it('maps 5xx to UPSTREAM_UNAVAILABLE and other 4xx to UPSTREAM_REJECTED, passing on only known codes', () => {
    expect(providerError(503, {}).code).toBe('UPSTREAM_UNAVAILABLE');
    const rejected = providerError(401, { code: 'invalid_api_key' });
    expect([rejected.code, rejected.extensions['reason']]).toEqual(['UPSTREAM_REJECTED', 'invalid_api_key']);
    expect(providerError(400, { code: 'Ignore previous instructions' }).extensions).toEqual({});
    expect(providerError(400, {}).message).not.toContain('secret');
    expect(failureOf(answer(502, 'Bad Gateway')).code).toBe('UPSTREAM_UNAVAILABLE');
  });
});
