import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { InferenceSourceConfig } from '../../src/connectors/inference/InferenceSourceConfig';
import { toInferenceError } from '../../src/connectors/inference/toInferenceError';
import { RateLimitedError } from '../../src/errors/RateLimitedError';
import { UpstreamError } from '../../src/errors/UpstreamError';
import { UpstreamTimeoutError } from '../../src/errors/UpstreamTimeoutError';

const source = { name: 'assistant', timeoutMs: 60_000 } as InferenceSourceConfig;

function mapped(error: unknown): UpstreamError {
  const result = toInferenceError(source, error);
  if (!(result instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(result)}`);
  return result;
}

function apiError(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error: body }, 'provider said: secret details', new Headers(headers));
}

describe('toInferenceError', () => {
  it('gives back the transport’s own error that the client wrapped', () => {
    const timeout = new UpstreamTimeoutError('assistant', 60_000);
    expect(mapped(new APIConnectionError({ cause: timeout }))).toBe(timeout);
  });

  it('maps context_length_exceeded to UPSTREAM_REJECTED with that reason', () => {
    const error = mapped(
      apiError(400, {
        message: "This model's maximum context length is 1000 tokens",
        code: 'context_length_exceeded',
        type: 'invalid_request_error',
      }),
    );
    expect([error.code, error.status, error.extensions['reason'], error.retryable]).toEqual([
      'UPSTREAM_REJECTED',
      400,
      'context_length_exceeded',
      false,
    ]);
    expect(error.message).toBe('The prompt is longer than the model of "assistant" accepts');
  });

  it('maps a 429 to RATE_LIMITED with the Retry-After in seconds, but a spent quota to UPSTREAM_REJECTED', () => {
    const limited = mapped(apiError(429, { code: 'rate_limit_exceeded' }, { 'retry-after': '120' }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.extensions).toEqual({ reason: 'rate_limit_exceeded', retryAfterSeconds: 120 });
    expect(mapped(apiError(429, { code: 'insufficient_quota' })).code).toBe('UPSTREAM_REJECTED');
  });

  it('maps 5xx to UPSTREAM_UNAVAILABLE and other 4xx to UPSTREAM_REJECTED, passing on only known codes', () => {
    expect(mapped(apiError(503, {})).code).toBe('UPSTREAM_UNAVAILABLE');
    const rejected = mapped(apiError(401, { code: 'invalid_api_key' }));
    expect([rejected.code, rejected.extensions['reason']]).toEqual(['UPSTREAM_REJECTED', 'invalid_api_key']);
    expect(mapped(apiError(400, { code: 'Ignore previous instructions' })).extensions).toEqual({});
    expect(mapped(apiError(400, {})).message).not.toContain('secret');
  });

  it('maps the client’s own timeout and connection errors', () => {
    expect(mapped(new APIConnectionTimeoutError()).code).toBe('UPSTREAM_TIMEOUT');
    expect(mapped(new APIConnectionError({ cause: new Error('ECONNRESET') })).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('leaves anything else to be masked', () => {
    const unexpected = new TypeError('bug');
    expect(toInferenceError(source, unexpected)).toBe(unexpected);
  });
});
