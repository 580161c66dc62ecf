import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

describe('the demo shop through the gateway', () => {
  let gateway: TestGateway;
  let agent: Record<string, string>;
  beforeAll(async () => {
    gateway = await startTestGateway();
    agent = { authorization: `Bearer ${await testToken('agent-7', ['customers:read', 'orders:read'])}` };
  });
  /** Queries as a support agent, who may read customers and orders. */
  const ask = (query: string) => gateway.query(query, { headers: agent });
  afterAll(() => gateway.close());
  const shop = () => {
    if (!gateway.shop) throw new Error('demo shop not started');
    return gateway.shop;
  };

  it('answers a customer with mapped fields and their orders in two calls', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(shop(), async () => {
      result = await ask('{ customer(id: "1") { id name email phone createdAt orders { id status placedAt total { amount currency } } } }');
    });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const customer = result.body.data?.['customer'] as Record<string, unknown>;
    expect(customer).toMatchObject({
      id: '1',
      name: 'Ada Lovelace',
      email: 'ada.lovelace1@example.com',
      phone: '+44 7700 900100',
      createdAt: '2018-01-01',
    });
    const orders = customer['orders'] as Record<string, unknown>[];
    expect(orders).toHaveLength(6);
    expect(orders[0]).toEqual({ id: '1001', status: 'PLACED', placedAt: '2024-01-01', total: { amount: '214.00', currency: 'EUR' } });
    expect(calls.map((call) => call.url)).toEqual(['/customers/1', '/orders?customerId=1']);
  });

  it('resolves the customers of 50 orders with exactly two shop calls', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(shop(), async () => {
      result = await ask('{ orders(first: 50) { id status customer { id name } } }');
    });
    const orders = result.body.data?.['orders'] as { id: string; customer: { id: string; name: string } }[];
    expect(orders).toHaveLength(50);
    expect(orders[0]).toEqual({ id: '1001', status: 'PLACED', customer: { id: '1', name: 'Ada Lovelace' } });
    expect(orders[25]?.customer.id).toBe('6');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.url).toBe('/orders?limit=50&offset=0');
    const batched = new URL(calls[1]?.url ?? '', 'http://x');
    expect(batched.pathname).toBe('/customers');
    expect(batched.searchParams.getAll('id')).toHaveLength(20);
  });

  it('batches stock for every product into one inventory call', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(shop(), async () => {
      result = await ask('{ products { sku name price { amount currency } stock } }');
    });
    const products = result.body.data?.['products'] as Record<string, unknown>[];
    expect(products).toHaveLength(12);
    expect(products[1]).toEqual({ sku: 'JKT-002', name: 'Rain Shell Jacket', price: { amount: '129.00', currency: 'EUR' }, stock: 17 });
    expect(calls.map((call) => new URL(call.url, 'http://x').pathname)).toEqual(['/products', '/inventory']);
    expect(new URL(calls[1]?.url ?? '', 'http://x').searchParams.getAll('sku')).toHaveLength(12);
  });

  it('makes at most one call per distinct key when there is no batch endpoint', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(shop(), async () => {
      result = await ask('{ orders(first: 24) { items { sku product { name } } } }');
    });
    expect(result.body.errors).toBeUndefined();
    const productCalls = calls.filter((call) => call.url.startsWith('/products/'));
    expect(productCalls).toHaveLength(new Set(productCalls.map((call) => call.url)).size);
    expect(productCalls).toHaveLength(12);
  });

  it('computes a field with a hand-written, generated-type resolver', async () => {
    const result = await ask('{ order(id: "1001") { items { quantity } itemCount } }');
    const order = result.body.data?.['order'] as { items: { quantity: number }[]; itemCount: number };
    expect(order.itemCount).toBe(order.items.reduce((sum, item) => sum + item.quantity, 0));
    expect(order.itemCount).toBe(2);
  });

  it('answers null for an item the upstream does not have', async () => {
    const result = await ask('{ customer(id: "999") { id } order(id: "1001") { id } }');
    expect(result.body).toEqual({ data: { customer: null, order: { id: '1001' } } });
  });

  it('encodes a path argument as one segment, so it cannot reach another path', async () => {
    const calls = await callsDuring(shop(), () => ask('{ a: customer(id: "../admin") { id } b: customer(id: "1/orders") { id } }'));
    expect(calls.map((call) => call.url).sort()).toEqual(['/customers/..%2Fadmin', '/customers/1%2Forders']);
  });

  it('refuses dot segments with BAD_USER_INPUT and calls nothing', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(shop(), async () => {
      result = await ask('{ a: customer(id: "..") { id } b: customer(id: ".") { id } c: customer(id: "2") { id } }');
    });
    expect(result.body.data).toEqual({ a: null, b: null, c: { id: '2' } });
    expect(result.body.errors?.map((error) => [error.path?.[0], error.extensions?.['code']])).toEqual([
      ['a', 'BAD_USER_INPUT'],
      ['b', 'BAD_USER_INPUT'],
    ]);
    expect(calls.map((call) => call.url)).toEqual(['/customers/2']);
  });

  it('sends the source headers, with the API key from the environment', async () => {
    const calls = await callsDuring(shop(), () => ask('{ product(sku: "JKT-001") { name } }'));
    expect(calls[0]?.headers['x-api-key']).toBe('test-shop-key-0123456789');
  });

  it('counts upstream calls per source and outcome in /metrics', async () => {
    const before = await gateway.metric('tributary_upstream_requests_total', { source: 'shop', outcome: 'success' });
    await ask('{ orders(first: 5) { customer { id } } }');
    const after = await gateway.metric('tributary_upstream_requests_total', { source: 'shop', outcome: 'success' });
    expect(after - before).toBe(2);
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/tributary_upstream_requests_total\{source="shop",outcome="success"\} \d+/);
    expect(text).toContain('tributary_upstream_request_duration_seconds_bucket{le="0.005",source="shop"}');
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  });

  it('serves no gateway directives in its schema', async () => {
    const result = await ask('{ __schema { directives { name } types { name } } }');
    const schema = result.body.data?.['__schema'] as { directives: { name: string }[]; types: { name: string }[] };
    expect(schema.directives.map((directive) => directive.name)).not.toContain('rest');
    expect(schema.types.map((type) => type.name)).not.toContain('RestSource');
  });
});
