import { upstreamRequestKey, withDeadline, withHeaders, type UpstreamRequest } from '../../src/http/UpstreamRequest';

const everyField: Required<UpstreamRequest> = {
  source: 'orders',
  method: 'POST',
  url: 'http://orders.test/orders',
  headers: { 'content-type': 'application/json' },
  body: '{"id":1}',
  timeoutMs: 5_000,
  deadline: 1_000_000,
  maxResponseBytes: 1_000,
  idempotent: false,
  retryWhenNotProcessed: true,
  onAttempt: () => undefined,
  kind: 'rest',
  route: '/orders',
};

describe('copies of an upstream call', () => {
  it('withDeadline keeps every field, sets the deadline and shrinks the attempt timeout to what is left', () => {
    expect(withDeadline(everyField, 2_000_000, 1_500)).toEqual({ ...everyField, timeoutMs: 1_500, deadline: 2_000_000 });
    expect(withDeadline(everyField, 2_000_000, 60_000).timeoutMs).toBe(5_000);
  });

  it('withHeaders keeps every other field, and the call key follows the new headers', () => {
    const headers = { 'content-type': 'application/json', authorization: 'Bearer t' };
    const copy = withHeaders(everyField, headers);
    expect(copy).toEqual({ ...everyField, headers });
    expect(upstreamRequestKey(copy)).not.toBe(upstreamRequestKey(everyField));
  });
});
