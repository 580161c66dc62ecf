import type { ChildProcess } from 'node:child_process';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { callsDuring } from '../helpers/callCounter';
import {
  describeWhen,
  freePort,
  REDIS_URL,
  redisReachable,
  redisServerInstalled,
  startRedisServer,
  stopRedisServer,
} from '../helpers/redisAvailability';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const typeDefs = /* GraphQL */ `
  extend schema @source(name: "svc", rest: { baseURL: "{env.SVC_URL}" })
  type Reading {
    value: Int!
  }
  type Query {
    counter(key: String!): Reading @cacheControl(maxAge: 60) @rest(source: "svc", path: "/counter/{args.key}")
  }
`;

async function startCounter(): Promise<DemoUpstream> {
  let count = 0;
  return startDemoUpstream('svc', (app) => app.get('/counter/:key', async () => ({ value: ++count })));
}

describeWhen(redisReachable(), `Redis cache tests need a Redis at ${REDIS_URL} (set REDIS_URL)`)('two instances on one Redis', () => {
  let upstream: DemoUpstream;
  let first: TestGateway;
  let second: TestGateway;

  beforeAll(async () => {
    upstream = await startCounter();
    const configEnv = { REDIS_URL, KEY_PREFIX: `test-shared-${process.pid}-${Date.now()}` };
    first = await startTestGateway({ typeDefs: [typeDefs], env: { SVC_URL: upstream.url }, configEnv });
    second = await startTestGateway({ typeDefs: [typeDefs], env: { SVC_URL: upstream.url }, configEnv });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await upstream?.close();
  });

  it('share cache entries: what one instance fetched, the other serves without a call', async () => {
    const fromFirst = await first.query('{ counter(key: "a") { value } }');
    const calls = await callsDuring(upstream, async () => {
      const fromSecond = await second.query('{ counter(key: "a") { value } }');
      expect(fromSecond.body.data).toEqual(fromFirst.body.data);
    });
    expect(calls).toHaveLength(0);
    expect(await second.metric('tributary_cache_lookups_total', { source: 'svc', result: 'hit' })).toBe(1);
  });
});

describeWhen(redisServerInstalled(), 'the Redis outage test needs redis-server on the PATH')('a Redis outage while serving', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    upstream = await startCounter();
    gateway = await startTestGateway({
      typeDefs: [typeDefs],
      env: { SVC_URL: upstream.url },
      configEnv: { REDIS_URL: `redis://127.0.0.1:${port}`, KEY_PREFIX: `test-outage-${process.pid}` },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    if (redis) await stopRedisServer(redis);
  });

  it('answers from the upstream while Redis is down, counts the failures, and caches again once it is back', async () => {
    await gateway.query('{ counter(key: "b") { value } }');
    expect(await callsDuring(upstream, () => gateway.query('{ counter(key: "b") { value } }'))).toHaveLength(0);

    await stopRedisServer(redis);
    const during = await gateway.query('{ counter(key: "c") { value } }');
    expect(during.body.errors).toBeUndefined();
    expect(during.body.data).toEqual({ counter: { value: expect.any(Number) as unknown } });
    const started = Date.now();
    await gateway.query('{ counter(key: "d") { value } }');
    expect(Date.now() - started).toBeLessThan(1000);
    const failures =
      (await gateway.metric('tributary_cache_errors_total', { operation: 'get' })) +
      (await gateway.metric('tributary_cache_errors_total', { operation: 'connect' }));
    expect(failures).toBeGreaterThan(0);

    redis = await startRedisServer(port);
    // The client reconnects in the background; keep asking until a repeat is served from Redis.
    let repeatCalls = 1;
    for (let attempt = 0; attempt < 40 && repeatCalls > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await gateway.query('{ counter(key: "e") { value } }');
      repeatCalls = (await callsDuring(upstream, () => gateway.query('{ counter(key: "e") { value } }'))).length;
    }
    expect(repeatCalls).toBe(0);
  });
});

describeWhen(redisReachable(), `Redis budget tests need a Redis at ${REDIS_URL} (set REDIS_URL)`)('inference budgets on one Redis', () => {
  let first: TestGateway;
  let second: TestGateway;

  beforeAll(async () => {
    const configEnv = { REDIS_URL, KEY_PREFIX: `test-budget-${process.pid}-${Date.now()}`, INFERENCE_TOKEN_BUDGET_PER_HOUR: '60' };
    first = await startTestGateway({ configEnv });
    second = await startTestGateway({ configEnv });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('are shared: what a caller spent on one instance, the other instance counts', async () => {
    const headers = { authorization: `Bearer ${await testToken('shared-budget', ['assistant:use'])}` };
    const ask = (gateway: TestGateway, message: string) =>
      gateway.query('query ($message: String!) { assistant(message: $message) { intent } }', { variables: { message }, headers });
    let spentOnFirst = 0;
    for (const message of ['Where is my order?', 'I want a refund', 'My card was declined', 'Do you ship abroad?']) {
      const { body } = await ask(first, message);
      if (body.errors?.[0]?.extensions?.['code'] === 'RATE_LIMITED') break;
      spentOnFirst += 1;
    }
    expect(spentOnFirst).toBeGreaterThan(0);
    const { body } = await ask(second, 'Is the jacket warm enough for winter?');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'token_budget' });
  });
});

describe('readiness with Redis configured but unreachable', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    const port = await freePort();
    gateway = await startTestGateway({ configEnv: { REDIS_URL: `redis://127.0.0.1:${port}`, KEY_PREFIX: `test-unready-${process.pid}` } });
  });
  afterAll(() => gateway.close());

  it("stays ready (Redis is every instance's), reports Redis down in /dependencies, and still answers from the upstreams", async () => {
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    const dependencies = await fetch(`${gateway.url}/dependencies`);
    expect(dependencies.status).toBe(200);
    expect(await dependencies.json()).toEqual(expect.objectContaining({ status: 'degraded', redis: 'down' }));
    const { body } = await gateway.query('{ products { sku } }');
    expect((body.data?.['products'] as unknown[]).length).toBe(12);
  });
});
