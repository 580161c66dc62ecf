import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { record, settle, webSocketClient } from '../helpers/subscriptionClients';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const typeDefs = /* GraphQL */ `
  extend schema @source(name: "svc", rest: { baseURL: "{env.SVC_URL}" })
  type Reading {
    key: String!
    value: Int!
  }
  type Query {
    reading(key: String!): Reading @rest(source: "svc", path: "/readings/{args.key}")
  }
  type Subscription {
    reading(key: String!): Reading @poll(intervalMs: 100) @rest(source: "svc", path: "/readings/{args.key}")
  }
`;

describe('polling subscriptions (@poll with @rest)', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  const values = new Map<string, number>([
    ['a', 1],
    ['b', 1],
  ]);
  const calls = (key: string) => upstream.requests.filter((request) => request.url === `/readings/${key}`).length;

  beforeAll(async () => {
    upstream = await startDemoUpstream('svc', (app) =>
      app.get<{ Params: { key: string } }>('/readings/:key', async (request, reply) => {
        const value = values.get(request.params.key);
        return value === undefined ? reply.code(400).send({ error: 'no such reading' }) : { key: request.params.key, value };
      }),
    );
    gateway = await startTestGateway({ typeDefs: [typeDefs], env: { SVC_URL: upstream.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('shares one poller between subscribers of the same arguments, and sends an event only when the answer changes', async () => {
    const client = webSocketClient(gateway.url);
    const first = record(client, 'subscription { reading(key: "a") { value } }');
    const second = record(client, 'subscription { reading(key: "a") { value } }');
    const [initial] = await first.received(1);
    expect(initial).toEqual({ data: { reading: { value: 1 } } });
    expect(await second.received(1)).toEqual([{ data: { reading: { value: 1 } } }]);
    await settle(500);
    // About five polls, and still one event each: the answer has not changed.
    expect(first.results).toHaveLength(1);
    const pollsWhileShared = calls('a');
    expect(pollsWhileShared).toBeGreaterThanOrEqual(3);
    expect(pollsWhileShared).toBeLessThanOrEqual(8);
    values.set('a', 2);
    expect((await first.received(2))[1]).toEqual({ data: { reading: { value: 2 } } });
    expect((await second.received(2))[1]).toEqual({ data: { reading: { value: 2 } } });
    first.stop();
    second.stop();
    await settle(300);
    // The last subscriber left: the poller stopped.
    const afterLeaving = calls('a');
    await settle(400);
    expect(calls('a')).toBe(afterLeaving);
    await client.dispose();
  });

  it('polls each distinct argument set on its own', async () => {
    const client = webSocketClient(gateway.url);
    const b = record(client, 'subscription { reading(key: "b") { key value } }');
    expect(await b.received(1)).toEqual([{ data: { reading: { key: 'b', value: 1 } } }]);
    expect(calls('b')).toBeGreaterThanOrEqual(1);
    b.stop();
    await client.dispose();
  });

  it('sends a failed poll as an error event with its code and source, then recovers', async () => {
    const client = webSocketClient(gateway.url);
    const missing = record(client, 'subscription { reading(key: "c") { value } }');
    const [failure] = await missing.received(1);
    expect(failure?.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'UPSTREAM_REJECTED', source: 'svc', status: 400 }));
    values.set('c', 5);
    expect((await missing.received(2))[1]).toEqual({ data: { reading: { value: 5 } } });
    missing.stop();
    await client.dispose();
  });
});
