import { postWebhook, record, settle, sseClient, webSocketClient } from '../helpers/subscriptionClients';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const STATUS_CHANGED = /* GraphQL */ `
  subscription ($orderId: ID!) {
    orderStatusChanged(orderId: $orderId) {
      orderId
      status
      previousStatus
      order {
        id
        total {
          amount
        }
      }
    }
  }
`;

describe('subscriptions over WebSocket and SSE, fed by the demo shop', () => {
  let gateway: TestGateway;
  let support: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    support = await testToken('agent-7', ['orders:read', 'orders:write', 'payments:read']);
  });
  afterAll(() => gateway.close());

  const advance = async (id: string) => {
    const { body } = await gateway.query(`mutation { advanceOrder(id: "${id}") { id status } }`, {
      headers: { authorization: `Bearer ${support}` },
    });
    return body;
  };

  it('delivers an order status change to a graphql-ws client, with the nested order fetched for the event', async () => {
    const client = webSocketClient(gateway.url, { authorization: `Bearer ${support}` });
    const watched = record(client, STATUS_CHANGED, { orderId: '1001' });
    const other = record(client, STATUS_CHANGED, { orderId: '1006' });
    await settle();
    expect(await advance('1001')).toEqual({ data: { advanceOrder: { id: '1001', status: 'PAID' } } });
    const [event] = await watched.received(1);
    expect(event).toEqual({
      data: {
        orderStatusChanged: {
          orderId: '1001',
          status: 'PAID',
          previousStatus: 'PLACED',
          order: { id: '1001', total: { amount: expect.any(String) } },
        },
      },
    });
    await settle();
    // The filter keeps another order's subscriber out of it.
    expect(other.results).toEqual([]);
    expect(gateway.shopWebhooks?.deliveries.map((delivery) => [delivery.type, delivery.status])).toEqual([
      ['order.status_changed', 202],
      ['payment.captured', 202],
    ]);
    await client.dispose();
  });

  it('delivers stock changes and payment captures to a graphql-sse client authenticated by its Authorization header', async () => {
    const client = sseClient(gateway.url, { authorization: `Bearer ${support}` });
    const stock = record(client, 'subscription { stockChanged { sku available product { name } } }');
    const payments = record(client, 'subscription { paymentCaptured(orderId: "1011") { orderId amount { amount currency } } }');
    await settle();
    // 1011 is PLACED: to PAID captures its payment; to SHIPPED takes its items from stock.
    await advance('1011');
    await advance('1011');
    const [capture] = await payments.received(1);
    expect(capture?.data?.['paymentCaptured']).toEqual({ orderId: '1011', amount: { amount: expect.any(String), currency: 'EUR' } });
    const [change] = await stock.received(1);
    expect(change?.data?.['stockChanged']).toEqual({
      sku: expect.any(String),
      available: expect.any(Number),
      product: { name: expect.any(String) },
    });
    stock.stop();
    payments.stop();
    client.dispose();
  });

  it('applies field rules to every event: a partner sees the status, not the order', async () => {
    const partner = await testToken('partner-acme', ['orders:status']);
    const client = webSocketClient(gateway.url, { authorization: `Bearer ${partner}` });
    const watched = record(client, STATUS_CHANGED, { orderId: '1016' });
    await settle();
    await advance('1016');
    const [event] = await watched.received(1);
    expect(event?.data).toEqual({ orderStatusChanged: { orderId: '1016', status: 'PAID', previousStatus: 'PLACED', order: null } });
    expect(event?.errors).toEqual([
      expect.objectContaining({ path: ['orderStatusChanged', 'order'], extensions: { code: 'FORBIDDEN', retryable: false } }),
    ]);
    await client.dispose();
  });

  it('refuses a protected subscription to an anonymous caller before any event', async () => {
    const client = webSocketClient(gateway.url);
    const watched = record(client, STATUS_CHANGED, { orderId: '1021' });
    await watched.ended;
    expect(watched.results).toEqual([
      {
        errors: [expect.objectContaining({ path: ['orderStatusChanged'], extensions: { code: 'UNAUTHENTICATED', retryable: false } })],
      },
    ]);
    await client.dispose();
  });

  it('serves public subscriptions to anonymous callers', async () => {
    const client = sseClient(gateway.url);
    const stock = record(client, 'subscription { stockChanged(sku: "JKT-001") { sku available } }');
    await settle();
    const posted = await postWebhook(
      gateway.url,
      'shop',
      { type: 'stock.changed', data: { sku: 'JKT-001', available: 3, warehouse: 'A' } },
      { secret: gateway.env['SHOP_WEBHOOK_SECRET'] ?? '' },
    );
    expect(posted.status).toBe(202);
    expect(await stock.received(1)).toEqual([{ data: { stockChanged: { sku: 'JKT-001', available: 3 } } }]);
    stock.stop();
    client.dispose();
  });

  it('closes a WebSocket whose connection_init carries a bad token with 4403, and answers SSE with 401', async () => {
    const client = webSocketClient(gateway.url, { authorization: 'Bearer not-a-jwt' });
    const watched = record(client, 'subscription { stockChanged { sku } }');
    const error = (await watched.ended) as { code?: number; reason?: string };
    expect(error.code).toBe(4403);
    expect(error.reason).toContain('not a JWT');
    await client.dispose();

    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: 'Bearer not-a-jwt' },
      body: JSON.stringify({ query: 'subscription { stockChanged { sku } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The bearer token is not a JWT', extensions: { code: 'UNAUTHENTICATED', retryable: false } }],
    });
  });

  it('ends a subscription with UNAUTHENTICATED when its token expires', async () => {
    const shortLived = await testToken('agent-7', ['orders:read'], '2s');
    const client = webSocketClient(gateway.url, { authorization: `Bearer ${shortLived}` });
    const watched = record(client, STATUS_CHANGED, { orderId: '1026' });
    expect(await watched.ended).toBeUndefined();
    expect(watched.results).toEqual([
      {
        errors: [
          { message: 'The token has expired: the subscription has ended', extensions: { code: 'UNAUTHENTICATED', retryable: false } },
        ],
      },
    ]);
    await client.dispose();
  }, 10_000);

  it('refuses invalid operations with the same coded errors as HTTP', async () => {
    const client = webSocketClient(gateway.url);
    const watched = record(client, 'subscription { noSuchField }');
    const errors = (await watched.ended) as { message: string; extensions?: Record<string, unknown> }[];
    expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', retryable: false } })]);
    await client.dispose();
  });

  it('refuses a subscription sent over plain HTTP, naming the transports that serve it', async () => {
    const { body } = await gateway.query('subscription { stockChanged { sku } }');
    expect(body).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringContaining('not over plain HTTP'),
          extensions: { code: 'BAD_REQUEST', retryable: false },
        }),
      ],
    });
  });

  it('still answers queries over HTTP on the same path', async () => {
    const { status, body } = await gateway.query('{ product(sku: "JKT-001") { sku } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { product: { sku: 'JKT-001' } } });
  });
});
