import { parseRetryAfter } from '../../src/http/parseRetryAfter';
import { planRetry, type RetryAfterPolicy, type RetryInput } from '../../src/http/sendWithRetryAfter';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads delay-seconds and HTTP-dates (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfter({ retryAfter: '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ retryAfter: ' 0 ' }, now)).toBe(0);
    expect(parseRetryAfter({ retryAfter: 'Sun, 01 Mar 2026 12:00:05 GMT' }, now)).toBe(5000);
  });

  it('prefers the more precise retry-after-ms when both are sent', () => {
    expect(parseRetryAfter({ retryAfterMs: '40', retryAfter: '1' }, now)).toBe(40);
    expect(parseRetryAfter({ retryAfterMs: '12.5' }, now)).toBe(12.5);
  });

  it('counts a date in the past as no wait, and anything unreadable as not said', () => {
    expect(parseRetryAfter({ retryAfter: 'Sun, 01 Mar 2026 11:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ retryAfter: 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({ retryAfter: '-5' }, now)).toBeUndefined();
    expect(parseRetryAfter({ retryAfterMs: 'x', retryAfter: '2' }, now)).toBe(2000);
  });
});

describe('planRetry', () => {
  const policy: RetryAfterPolicy = { statuses: new Set([429, 503]), maxRetries: 2, maxWaitMs: 5000 };
  const input = (overrides: Partial<RetryInput>): RetryInput => ({
    status: 429,
    retryAfterMs: 1000,
    retries: 0,
    remainingMs: 60_000,
    jitter: 0,
    ...overrides,
  });

  it('retries a 429 or 503 after what Retry-After asks, plus at most 10% jitter', () => {
    expect(planRetry(input({}), policy)).toBe(1000);
    expect(planRetry(input({ status: 503, jitter: 0.5 }), policy)).toBe(1050);
    expect(planRetry(input({ retryAfterMs: 4000, jitter: 0.99 }), policy)).toBe(4248);
  });

  it('does not retry without a Retry-After: a POST is not retried on a guess', () => {
    expect(planRetry(input({ retryAfterMs: undefined }), policy)).toBeUndefined();
  });

  it('does not retry other statuses', () => {
    for (const status of [200, 400, 408, 500, 502, 504]) expect(planRetry(input({ status }), policy)).toBeUndefined();
  });

  it('does not wait longer than the policy allows, nor past the deadline', () => {
    expect(planRetry(input({ retryAfterMs: 5001 }), policy)).toBeUndefined();
    expect(planRetry(input({ retryAfterMs: 120_000 }), policy)).toBeUndefined();
    expect(planRetry(input({ retryAfterMs: 1000, remainingMs: 1000 }), policy)).toBeUndefined();
  });

  it('gives up after maxRetries', () => {
    expect(planRetry(input({ retries: 1 }), policy)).toBe(1000);
    expect(planRetry(input({ retries: 2 }), policy)).toBeUndefined();
    expect(planRetry(input({}), { ...policy, maxRetries: 0 })).toBeUndefined();
  });
});
