import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const SECRET = 'super-secret-upstream-key';

const typeDefs = /* GraphQL */ `
  extend schema
    @source(
      name: "flaky"
      rest: { baseURL: "{env.FLAKY_URL}", headers: [{ name: "x-api-key", value: "{env.FLAKY_KEY}" }] }
      timeoutMs: 1500
      maxResponseBytes: 1000
      retry: { attempts: 1 }
      circuitBreaker: { failureThreshold: 1000 }
    )
    @source(name: "gone", rest: { baseURL: "{env.GONE_URL}" }, timeoutMs: 1500, retry: { attempts: 1 })

  type Thing {
    id: ID!
  }

  type Query {
    ok: Thing @rest(source: "flaky", path: "/ok")
    slow: Thing @rest(source: "flaky", path: "/slow")
    boom: Thing @rest(source: "flaky", path: "/boom")
    denied: Thing @rest(source: "flaky", path: "/denied")
    garbage: Thing @rest(source: "flaky", path: "/garbage")
    big: Thing @rest(source: "flaky", path: "/big")
    unreachable: Thing @rest(source: "gone", path: "/anything")
    create(name: String!): Thing @rest(source: "flaky", method: POST, path: "/things", body: { name: "{args.name}", kind: "demo" })
  }
`;

describe('upstream failures', () => {
  let flaky: DemoUpstream;
  let gateway: TestGateway;
  const bodies: unknown[] = [];

  beforeAll(async () => {
    flaky = await startDemoUpstream('flaky', (app) => {
      app.get('/ok', async () => ({ id: 'ok' }));
      // Answers only after the gateway gave up: waits until the connection closes.
      app.get('/slow', async (_request, reply) => {
        await new Promise((resolve) => reply.raw.on('close', resolve));
        return { id: 'late' };
      });
      app.get('/boom', async (_request, reply) => reply.code(503).send({ error: `stack trace with ${SECRET}` }));
      app.get('/denied', async (_request, reply) => reply.code(403).send({ error: `bad key ${SECRET}` }));
      app.get('/garbage', async (_request, reply) => reply.type('application/json').send(`<html>${SECRET}`));
      app.get('/big', async () => ({ id: 'x'.repeat(5000) }));
      app.post('/things', async (request) => {
        bodies.push(request.body);
        return { id: 'new' };
      });
    });
    // A port that was listening and is now closed: connections are refused.
    const gone = await startDemoUpstream('gone', () => undefined);
    await gone.close();
    gateway = await startTestGateway({
      typeDefs: [typeDefs],
      env: { FLAKY_URL: flaky.url, FLAKY_KEY: SECRET, GONE_URL: gone.url },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await flaky.close();
  });

  it('maps every failure to a coded error at its path while the other fields answer', async () => {
    const started = Date.now();
    const { status, body } = await gateway.query(
      '{ ok { id } slow { id } boom { id } denied { id } garbage { id } big { id } unreachable { id } }',
    );
    // The timeout is generous so that a busy machine does not turn a fast failure into a timeout;
    // the one slow field still bounds the whole answer.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(status).toBe(200);
    expect(body.data).toEqual({ ok: { id: 'ok' }, slow: null, boom: null, denied: null, garbage: null, big: null, unreachable: null });
    const byField = Object.fromEntries((body.errors ?? []).map((error) => [error.path?.[0], error.extensions]));
    expect(byField).toEqual({
      slow: { code: 'UPSTREAM_TIMEOUT', source: 'flaky', retryable: true },
      boom: { code: 'UPSTREAM_UNAVAILABLE', source: 'flaky', status: 503, retryable: true },
      denied: { code: 'UPSTREAM_REJECTED', source: 'flaky', status: 403, retryable: false },
      garbage: { code: 'UPSTREAM_BAD_RESPONSE', source: 'flaky', status: 200, retryable: false },
      big: { code: 'UPSTREAM_BAD_RESPONSE', source: 'flaky', status: 200, retryable: false },
      unreachable: { code: 'UPSTREAM_UNAVAILABLE', source: 'gone', retryable: true },
    });
  });

  it('never shows upstream bodies or secrets to the client', async () => {
    const { body } = await gateway.query('{ boom { id } denied { id } garbage { id } }');
    const text = JSON.stringify(body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('stack trace');
    expect(body.errors?.map((error) => error.message).sort()).toEqual([
      'Upstream "flaky" answered with a body that is not valid JSON',
      'Upstream "flaky" failed with HTTP 503',
      'Upstream "flaky" rejected the call with HTTP 403',
    ]);
  });

  it('counts failures by outcome', async () => {
    await gateway.query('{ slow { id } boom { id } unreachable { id } }');
    expect(await gateway.metric('tributary_upstream_requests_total', { source: 'flaky', outcome: 'timeout' })).toBeGreaterThanOrEqual(1);
    expect(await gateway.metric('tributary_upstream_requests_total', { source: 'flaky', outcome: 'server_error' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(await gateway.metric('tributary_upstream_requests_total', { source: 'gone', outcome: 'network_error' })).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('answers no-store when the schema has no cache hints (Apollo cache control is off)', async () => {
    const { headers } = await gateway.query('{ ok { id } }');
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('sends a JSON body built from arguments, keeping literal values', async () => {
    const { body } = await gateway.query('{ create(name: "lamp") { id } }');
    expect(body.data).toEqual({ create: { id: 'new' } });
    expect(bodies.at(-1)).toEqual({ name: 'lamp', kind: 'demo' });
  });

  it('does not coalesce or repeat a non-idempotent call within a request', async () => {
    const before = bodies.length;
    const { body } = await gateway.query('{ a: create(name: "one") { id } b: create(name: "one") { id } }');
    expect(body.data).toEqual({ a: { id: 'new' }, b: { id: 'new' } });
    expect(bodies.length - before).toBe(2);
  });
});
