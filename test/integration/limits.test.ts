import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const post = (gateway: TestGateway, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('query limits', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      configEnv: { MAX_DEPTH: '4', MAX_ALIASES: '3', MAX_TOKENS: '1000', MAX_COST: '300', BODY_LIMIT_BYTES: '8192' },
    });
  });
  afterAll(() => gateway.close());
  const shop = () =>
    gateway.shop ??
    (() => {
      throw new Error('no shop');
    })();

  it.each([
    ['too deep', '{ orders { customer { orders { customer { name } } } } }', /depth/i],
    ['too many aliases', '{ a: products { sku } b: products { sku } c: products { sku } d: products { sku } }', /alias/i],
    ['too many tokens', `{ products { ${'sku '.repeat(1100)} } }`, /tokens/i],
    [
      'too costly',
      `{ ${Array.from({ length: 3 }, (_, i) => `p${i}: products { ${'sku name description '.repeat(40)} }`).join(' ')} }`,
      /cost/i,
    ],
  ])('refuses an operation that is %s, before calling any upstream', async (_name, query, message) => {
    let status = 0;
    let errors: { message: string; extensions?: { code?: string } }[] = [];
    const calls = await callsDuring(shop(), async () => {
      // The GraphQL response media type, whose refusals of a document are 400 (application/json ones are 200).
      const response = await post(gateway, { query }, { accept: 'application/graphql-response+json' });
      status = response.status;
      errors = ((await response.json()) as { errors: typeof errors }).errors;
    });
    expect(status).toBe(400);
    expect(errors[0]?.message).toMatch(message);
    expect(calls).toHaveLength(0);
  });

  it('still answers the playground introspection query', async () => {
    const response = await post(gateway, {
      query: '{ __schema { types { name fields { name type { name kind ofType { name kind ofType { name } } } } } } }',
    });
    expect(response.status).toBe(200);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await post(gateway, { query: `{ products { sku } } # ${'x'.repeat(9000)}` });
    expect(response.status).toBe(413);
  });

  it('does not suggest field names to clients', async () => {
    const body = (await (await post(gateway, { query: '{ prodcts { sku } }' })).json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).not.toMatch(/did you mean/i);
    expect(body.errors[0]?.message).not.toContain('products');
  });

  it('does not accept batched HTTP requests', async () => {
    const response = await post(gateway, [{ query: '{ products { sku } }' }, { query: '{ products { sku } }' }]);
    expect(response.status).toBe(400);
  });
});

describe('rate limits per caller', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ configEnv: { RATE_LIMIT_POINTS: '20', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => gateway.close());

  it('answers 429 with Retry-After and RATE_LIMITED once a caller spent its points, by cost', async () => {
    const alice = { authorization: `Bearer ${await testToken('alice-rl')}` };
    const costly = '{ products { sku name description stock price { amount currency } } }'; // 2 + 4 + 2 + 2 = 10
    expect((await post(gateway, { query: costly }, alice)).status).toBe(200);
    expect((await post(gateway, { query: costly }, alice)).status).toBe(200);
    const refused = await post(gateway, { query: costly }, alice);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');

    const bob = { authorization: `Bearer ${await testToken('bob-rl')}` };
    expect((await post(gateway, { query: costly }, bob)).status).toBe(200);
  });

  it('limits anonymous callers by address', async () => {
    const cheap = '{ products { sku } }'; // 3
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await post(gateway, { query: cheap })).status);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('client addresses behind a proxy', () => {
  const cheap = '{ products { sku } }'; // 3 points of 10
  /** Statuses of four anonymous requests that claim to come from `forwardedFor`. */
  const fourFrom = async (gateway: TestGateway, forwardedFor: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(gateway, { query: cheap }, { 'x-forwarded-for': forwardedFor })).status);
    return statuses;
  };

  it('ignores X-Forwarded-For from a hop that is not trusted: a client cannot pick a fresh address', async () => {
    const gateway = await startTestGateway({ configEnv: { RATE_LIMIT_POINTS: '10', RATE_LIMIT_WINDOW_SECONDS: '60' } });
    try {
      expect(await fourFrom(gateway, '203.0.113.1')).toEqual([200, 200, 200, 429]);
      expect((await fourFrom(gateway, '203.0.113.2'))[0]).toBe(429);
    } finally {
      await gateway.close();
    }
  });

  it('limits each client named by a trusted proxy on its own', async () => {
    const gateway = await startTestGateway({
      configEnv: { RATE_LIMIT_POINTS: '10', RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: 'loopback' },
    });
    try {
      expect(await fourFrom(gateway, '203.0.113.1')).toEqual([200, 200, 200, 429]);
      expect(await fourFrom(gateway, '203.0.113.2')).toEqual([200, 200, 200, 429]);
      // Only the hop the trusted proxy added counts, not what the client wrote before it.
      expect((await fourFrom(gateway, '198.51.100.9, 203.0.113.1'))[0]).toBe(429);
    } finally {
      await gateway.close();
    }
  });
});
