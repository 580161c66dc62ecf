import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const typeDefs = /* GraphQL */ `
  extend schema
    @source(
      name: "svc"
      rest: { baseURL: "{env.SVC_URL}" }
      timeoutMs: 200
      retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 1500 }
      circuitBreaker: { failureThreshold: 1000 }
    )
    @source(
      name: "storm"
      rest: { baseURL: "{env.SVC_URL}" }
      timeoutMs: 200
      retry: { attempts: 1 }
      circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: 300 }
    )
    @source(name: "narrow", rest: { baseURL: "{env.SVC_URL}" }, maxConcurrent: 2, retry: { attempts: 1 })
    @source(name: "metered", rest: { baseURL: "{env.SVC_URL}" }, maxRequestsPerSecond: 5, retry: { attempts: 1 })
  type Reading {
    value: Int
  }
  type Query {
    twice: Reading @rest(source: "svc", path: "/twice")
    later: Reading @rest(source: "svc", path: "/later")
    hang: Reading @rest(source: "svc", path: "/hang")
    garbage: Reading @rest(source: "svc", path: "/garbage")
    storm: Reading @rest(source: "storm", path: "/storm")
    slowOne(n: Int!): Reading @rest(source: "narrow", path: "/slow/{args.n}")
    metered(n: Int!): Reading @rest(source: "metered", path: "/metered/{args.n}")
  }
  type Mutation {
    pay: Reading @rest(source: "svc", method: POST, path: "/pay", body: { amount: 1 })
  }
`;

describe('resilience against failing upstreams', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  let twiceCalls = 0;
  let laterCalls = 0;
  let storming = true;
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    upstream = await startDemoUpstream('svc', (app) => {
      app.get('/twice', async (_request, reply) => (++twiceCalls <= 2 ? reply.code(503).send({}) : { value: twiceCalls }));
      app.get('/later', async (_request, reply) =>
        ++laterCalls === 1 ? reply.code(429).header('retry-after', '1').send({}) : { value: laterCalls },
      );
      app.get('/hang', async (_request, reply) => {
        await new Promise((resolve) => reply.raw.on('close', resolve));
        return {};
      });
      app.get('/garbage', async (_request, reply) => reply.type('application/json').send('{"value": '));
      app.get('/storm', async (_request, reply) => (storming ? reply.code(503).send({}) : { value: 1 }));
      app.post('/pay', async (_request, reply) => reply.code(503).send({}));
      app.get('/slow/:n', async (request) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 50));
        inFlight -= 1;
        return { value: Number((request.params as { n: string }).n) };
      });
      app.get('/metered/:n', async (request) => ({ value: Number((request.params as { n: string }).n) }));
    });
    gateway = await startTestGateway({
      typeDefs: [typeDefs],
      env: { SVC_URL: upstream.url },
      configEnv: { KEY_PREFIX: `test-resilience-${process.pid}` },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('retries an idempotent call through a passing 503 storm', async () => {
    const before = await gateway.metric('tributary_upstream_retries_total', { source: 'svc' });
    const calls = await callsDuring(upstream, async () => {
      expect((await gateway.query('{ twice { value } }')).body).toEqual({ data: { twice: { value: 3 } } });
    });
    expect(calls).toHaveLength(3);
    expect(await gateway.metric('tributary_upstream_retries_total', { source: 'svc' })).toBe(before + 2);
  });

  it("waits as long as an upstream's Retry-After asks before retrying", async () => {
    const started = Date.now();
    expect((await gateway.query('{ later { value } }')).body).toEqual({ data: { later: { value: 2 } } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('sends a non-idempotent call at most once, whatever fails', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query('mutation { pay { value } }');
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'svc', status: 503, retryable: true });
    });
    expect(calls).toHaveLength(1);
  });

  it('bounds the latency of a hanging upstream by its timeout and attempts, and still answers the rest', async () => {
    const started = Date.now();
    const { body } = await gateway.query('{ hang { value } twice { value } }');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(body.data?.['hang']).toBeNull();
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_TIMEOUT');
  });

  it('does not retry garbage: the upstream answered, badly', async () => {
    const calls = await callsDuring(upstream, () => gateway.query('{ garbage { value } }'));
    expect(calls).toHaveLength(1);
  });

  it('opens the circuit on a burst of failures, fails fast, probes half-open and closes on recovery', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await gateway.query('{ storm { value } }')).body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    }
    expect(await gateway.metric('tributary_circuit_state', { source: 'storm' })).toBe(2);
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query('{ storm { value } }');
      expect(body.errors?.[0]?.extensions).toEqual({ circuit: 'open', code: 'UPSTREAM_UNAVAILABLE', source: 'storm', retryable: true });
    });
    expect(calls).toHaveLength(0);
    // The instance stays ready (every instance shares the upstream); the dependency report says it.
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    const whileOpen = (await (await fetch(`${gateway.url}/dependencies`)).json()) as {
      status: string;
      sources: Record<string, { circuit: string }>;
    };
    expect(whileOpen.status).toBe('degraded');
    expect(whileOpen.sources['storm']).toEqual({ circuit: 'open' });

    storming = false;
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await gateway.query('{ storm { value } }')).body).toEqual({ data: { storm: { value: 1 } } });
    expect(await gateway.metric('tributary_circuit_state', { source: 'storm' })).toBe(0);
    expect(await (await fetch(`${gateway.url}/dependencies`)).json()).toEqual(expect.objectContaining({ status: 'ok' }));
  });

  it('keeps at most maxConcurrent calls in flight, queueing the rest', async () => {
    const fields = Array.from({ length: 8 }, (_, n) => `s${n}: slowOne(n: ${n}) { value }`).join(' ');
    const { body } = await gateway.query(`{ ${fields} }`);
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data ?? {})).toHaveLength(8);
    expect(maxInFlight).toBe(2);
  });

  it('spreads calls to a metered upstream over time instead of failing them', async () => {
    const started = Date.now();
    const fields = Array.from({ length: 8 }, (_, n) => `m${n}: metered(n: ${n}) { value }`).join(' ');
    const { body } = await gateway.query(`{ ${fields} }`);
    expect(body.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});
