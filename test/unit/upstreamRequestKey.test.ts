import { upstreamRequestKey, type UpstreamRequest } from '../../src/http/UpstreamRequest';

const request: UpstreamRequest = {
  source: 'shop',
  method: 'GET',
  url: 'https://shop.example.com/customers/c1',
  headers: { 'x-api-key': 'k1', accept: 'application/json' },
  timeoutMs: 2000,
  maxResponseBytes: 4096,
  idempotent: true,
};

describe('upstreamRequestKey', () => {
  it('does not depend on the order of the headers', () => {
    expect(upstreamRequestKey({ ...request, headers: { accept: 'application/json', 'x-api-key': 'k1' } })).toBe(
      upstreamRequestKey(request),
    );
  });

  it('gives different keys for differing credentials', () => {
    expect(upstreamRequestKey({ ...request, headers: { ...request.headers, 'x-api-key': 'k2' } })).not.toBe(upstreamRequestKey(request));
  });

  it('gives different keys when one call has an extra header', () => {
    expect(upstreamRequestKey({ ...request, headers: { ...request.headers, authorization: 'Bearer t' } })).not.toBe(
      upstreamRequestKey(request),
    );
  });

  it('gives different keys for different URLs', () => {
    expect(upstreamRequestKey({ ...request, url: 'https://shop.example.com/customers/c2' })).not.toBe(upstreamRequestKey(request));
  });

  it('gives different keys for different methods', () => {
    expect(upstreamRequestKey({ ...request, method: 'DELETE' })).not.toBe(upstreamRequestKey(request));
  });

  it('gives different keys for different bodies', () => {
    const post: UpstreamRequest = { ...request, method: 'POST', body: '{"a":1}' };
    expect(upstreamRequestKey({ ...post, body: '{"a":2}' })).not.toBe(upstreamRequestKey(post));
  });

  it('gives the same key for the same call', () => {
    expect(upstreamRequestKey({ ...request, headers: { ...request.headers } })).toBe(upstreamRequestKey(request));
  });
});
