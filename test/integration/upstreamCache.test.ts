import { createHash } from 'node:crypto';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const typeDefs = /* GraphQL */ `
  extend schema @source(name: "svc", rest: { baseURL: "{env.SVC_URL}" }, retry: { attempts: 1 })
  type Reading {
    value: Int!
    servedTo: String
  }
  type Query {
    "Shared: the same for everyone."
    counter: Reading @cacheControl(maxAge: 60) @rest(source: "svc", path: "/counter")
    "Same request for everyone, but declared caller-dependent."
    privateCounter: Reading @cacheControl(maxAge: 60, scope: PRIVATE) @authenticated @rest(source: "svc", path: "/counter")
    "The caller's identity is forwarded, so the answer is the caller's."
    whoami: Reading
      @cacheControl(maxAge: 60)
      @authenticated
      @rest(source: "svc", path: "/whoami", headers: [{ name: "x-user", value: "{claims.sub}" }])
    "Not cached: no hint and no source default."
    uncached: Reading @rest(source: "svc", path: "/counter")
    "Slow and uncached, to see identical calls in flight coalesce."
    slow: Reading @rest(source: "svc", path: "/slow")
    flaky: Reading @rest(source: "svc", path: "/flaky")
  }
`;

describe('the upstream cache', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  let counter = 0;
  let flakyCalls = 0;
  const bearer = async (sub: string) => ({ authorization: `Bearer ${await testToken(sub)}` });

  beforeAll(async () => {
    upstream = await startDemoUpstream('svc', (app) => {
      app.get('/counter', async () => ({ value: ++counter }));
      app.get('/whoami', async (request) => ({ value: ++counter, servedTo: request.headers['x-user'] }));
      app.get('/slow', async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return { value: ++counter };
      });
      app.get('/flaky', async (_request, reply) => {
        flakyCalls += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return flakyCalls === 1 ? reply.code(503).send({}) : { value: flakyCalls };
      });
    });
    gateway = await startTestGateway({
      typeDefs: [typeDefs],
      env: { SVC_URL: upstream.url },
      configEnv: { KEY_PREFIX: `test-${process.pid}-${Date.now()}` },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('answers a repeat from the cache with zero upstream calls, and counts hits and misses', async () => {
    const first = await gateway.query('{ counter { value } }');
    const misses = await gateway.metric('tributary_cache_lookups_total', { source: 'svc', result: 'miss' });
    const calls = await callsDuring(upstream, async () => {
      const again = await gateway.query('{ counter { value } }');
      expect(again.body.data).toEqual(first.body.data);
    });
    expect(calls).toHaveLength(0);
    expect(await gateway.metric('tributary_cache_lookups_total', { source: 'svc', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(misses).toBeGreaterThanOrEqual(1);
  });

  it('shares PUBLIC data between callers', async () => {
    const anonymous = await gateway.query('{ counter { value } }');
    const signedIn = await gateway.query('{ counter { value } }', { headers: await bearer('alice') });
    expect(signedIn.body.data).toEqual(anonymous.body.data);
  });

  it('never serves PRIVATE data cached for one caller to another', async () => {
    const alice = await bearer('alice');
    const bob = await bearer('bob');
    const aliceFirst = await gateway.query('{ privateCounter { value } }', { headers: alice });
    const aliceAgain = await gateway.query('{ privateCounter { value } }', { headers: alice });
    const bobFirst = await gateway.query('{ privateCounter { value } }', { headers: bob });
    expect(aliceAgain.body.data).toEqual(aliceFirst.body.data);
    expect(bobFirst.body.data).not.toEqual(aliceFirst.body.data);
  });

  it('keeps answers to forwarded identities per caller', async () => {
    const alice = await gateway.query('{ whoami { servedTo } }', { headers: await bearer('alice') });
    const bob = await gateway.query('{ whoami { servedTo } }', { headers: await bearer('bob') });
    const aliceAgain = await gateway.query('{ whoami { servedTo } }', { headers: await bearer('alice') });
    expect(alice.body.data).toEqual({ whoami: { servedTo: 'alice' } });
    expect(bob.body.data).toEqual({ whoami: { servedTo: 'bob' } });
    expect(aliceAgain.body.data).toEqual({ whoami: { servedTo: 'alice' } });
  });

  it('does not cache a field without a hint', async () => {
    const calls = await callsDuring(upstream, async () => {
      await gateway.query('{ uncached { value } }');
      await gateway.query('{ uncached { value } }');
    });
    expect(calls).toHaveLength(2);
  });

  it('makes identical calls in flight once across concurrent requests', async () => {
    const before = await gateway.metric('tributary_upstream_coalesced_total', { source: 'svc' });
    let results: Awaited<ReturnType<TestGateway['query']>>[] = [];
    const calls = await callsDuring(upstream, async () => {
      results = await Promise.all(Array.from({ length: 20 }, () => gateway.query('{ slow { value } }')));
    });
    expect(calls).toHaveLength(1);
    expect(new Set(results.map((result) => JSON.stringify(result.body.data))).size).toBe(1);
    expect(await gateway.metric('tributary_upstream_coalesced_total', { source: 'svc' })).toBe(before + 19);
  });

  it('does not hand a failure to callers that come after it', async () => {
    const [first, second] = await Promise.all([gateway.query('{ flaky { value } }'), gateway.query('{ flaky { value } }')]);
    expect(first.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(second.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    const later = await gateway.query('{ flaky { value } }');
    expect(later.body).toEqual({ data: { flaky: { value: 2 } } });
  });
});

describe('HTTP caching for clients', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ configEnv: { KEY_PREFIX: `test-http-${process.pid}-${Date.now()}` } });
  });
  afterAll(() => gateway.close());

  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });

  it('lets CDNs cache public GET queries for the shortest maxAge in the response', async () => {
    expect((await get('{ products { sku name } }')).headers.get('cache-control')).toBe('max-age=60, public');
    expect((await get('{ products { sku stock } }')).headers.get('cache-control')).toBe('max-age=10, public');
  });

  it('marks a response private as soon as it holds protected data', async () => {
    const token = await testToken('agent-7', ['orders:read']);
    const response = await get('{ products { sku } orderStatus(id: "1001") }', { authorization: `Bearer ${token}` });
    expect(response.headers.get('cache-control')).toBe('max-age=30, private');
  });

  it('stores automatic persisted queries in the cache backend', async () => {
    const query = '{ products { sku } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: unknown) =>
      fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        (response) => response.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>,
      );
    expect((await post({ extensions })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).data).toBeDefined();
    const products = ((await post({ extensions })).data as { products: unknown[] }).products;
    expect(products).toHaveLength(12);
  });
});
