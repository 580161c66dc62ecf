import { parseRetryAfter } from '../../src/http/parseRetryAfter';
import { planRetry, type AttemptOutcome } from '../../src/http/resilience/planRetry';

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
  const settings = { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 };
  /** A model call (a POST the source may send again when it was not processed). */
  const post = (overrides: Partial<AttemptOutcome>): AttemptOutcome => ({
    idempotent: false,
    retryWhenNotProcessed: true,
    status: 429,
    transientFailure: false,
    retryAfterMs: 1000,
    attempts: 1,
    remainingMs: 60_000,
    jitter: 0,
    ...overrides,
  });
  const get = (overrides: Partial<AttemptOutcome>): AttemptOutcome => post({ ...overrides, idempotent: true });

  it('retries a POST answered 429 or 503 after what Retry-After asks, never sooner', () => {
    expect(planRetry(post({}), settings)).toBe(1000);
    expect(planRetry(post({ status: 503, jitter: 0.5 }), settings)).toBe(1000);
    expect(planRetry(post({ retryAfterMs: 40, jitter: 0.99 }), settings)).toBeGreaterThanOrEqual(40);
  });

  it('does not retry a POST without a Retry-After: it is not retried on a guess', () => {
    expect(planRetry(post({ retryAfterMs: undefined }), settings)).toBeUndefined();
  });

  it('does not retry a POST on other statuses, nor one its source does not declare safe to send again', () => {
    for (const status of [200, 400, 408, 500, 502, 504]) expect(planRetry(post({ status }), settings)).toBeUndefined();
    expect(planRetry(post({ retryWhenNotProcessed: false }), settings)).toBeUndefined();
    expect(planRetry(post({ status: undefined, transientFailure: true }), settings)).toBeUndefined();
  });

  it('retries an idempotent call after any transient failure, with backoff', () => {
    for (const status of [429, 502, 503, 504]) expect(planRetry(get({ status, retryAfterMs: undefined }), settings)).toBe(0);
    expect(planRetry(get({ status: undefined, transientFailure: true, retryAfterMs: undefined, jitter: 0.5 }), settings)).toBe(50);
    expect(planRetry(get({ status: undefined, transientFailure: true, retryAfterMs: undefined, attempts: 2, jitter: 0.5 }), settings)).toBe(
      100,
    );
    for (const status of [200, 400, 404, 500]) expect(planRetry(get({ status, retryAfterMs: undefined }), settings)).toBeUndefined();
  });

  it('does not wait longer than the policy allows, nor past the deadline', () => {
    expect(planRetry(post({ retryAfterMs: 5001 }), settings)).toBeUndefined();
    expect(planRetry(post({ retryAfterMs: 120_000 }), settings)).toBeUndefined();
    expect(planRetry(post({ retryAfterMs: 1000, remainingMs: 1000 }), settings)).toBeUndefined();
  });

  it('gives up after the attempts allowed', () => {
    expect(planRetry(post({ attempts: 2 }), settings)).toBe(1000);
    expect(planRetry(post({ attempts: 3 }), settings)).toBeUndefined();
    expect(planRetry(post({}), { ...settings, attempts: 1 })).toBeUndefined();
  });
});
