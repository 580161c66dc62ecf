import type { IncomingMessage } from 'node:http';
import { isPlainGraphQLPost } from '../../src/server/isPlainGraphQLPost';

const request = (overrides: { method?: string; url?: string; headers?: Record<string, string> } = {}): IncomingMessage =>
  ({
    method: overrides.method ?? 'POST',
    url: overrides.url ?? '/graphql',
    headers: { 'content-type': 'application/json', 'content-length': '42', ...overrides.headers },
  }) as unknown as IncomingMessage;

describe('isPlainGraphQLPost', () => {
  it('takes a JSON POST of declared length within the limit', () => {
    expect(isPlainGraphQLPost(request(), '/graphql', 100)).toBe(true);
    expect(isPlainGraphQLPost(request({ headers: { 'content-type': 'Application/JSON; charset=UTF-8' } }), '/graphql', 100)).toBe(true);
    expect(isPlainGraphQLPost(request({ headers: { accept: 'application/graphql-response+json' } }), '/graphql', 100)).toBe(true);
    expect(isPlainGraphQLPost(request({ headers: { 'content-length': '100' } }), '/graphql', 100)).toBe(true);
  });

  it.each<[string, Parameters<typeof request>[0]]>([
    ['a GET', { method: 'GET' }],
    ['another path', { url: '/graphql?x=1' }],
    ['a browser asking for CORS', { headers: { origin: 'https://app.example' } }],
    ['a chunked body', { headers: { 'transfer-encoding': 'chunked' } }],
    ['a body over the limit', { headers: { 'content-length': '101' } }],
    ['a length that is not a number', { headers: { 'content-length': '4x' } }],
    ['another content type', { headers: { 'content-type': 'application/graphql' } }],
    ['JSON in another charset', { headers: { 'content-type': 'application/json; charset=latin1' } }],
    ['a subscription over SSE', { headers: { accept: 'text/event-stream' } }],
  ])('leaves %s to Fastify', (_what, overrides) => {
    expect(isPlainGraphQLPost(request(overrides), '/graphql', 100)).toBe(false);
  });

  it('leaves a body without a declared length to Fastify', () => {
    const chunked = request();
    delete chunked.headers['content-length'];
    expect(isPlainGraphQLPost(chunked, '/graphql', 100)).toBe(false);
  });
});
