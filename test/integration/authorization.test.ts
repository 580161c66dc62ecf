import { SignJWT } from 'jose';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, TEST_JWT_SECRET, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

type Result = Awaited<ReturnType<TestGateway['query']>>;

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Each error as [path, code], for exact comparison. */
const codes = (body: GraphQLResponse): [(string | number)[] | undefined, unknown][] =>
  (body.errors ?? []).map((error) => [error.path, error.extensions?.['code']]);

function shopOf(gateway: TestGateway): DemoUpstream {
  if (!gateway.shop) throw new Error('demo shop not started');
  return gateway.shop;
}

describe('per-field authorization in the demo schema', () => {
  let gateway: TestGateway;
  let partner: Record<string, string>;
  let customer: Record<string, string>;
  beforeAll(async () => {
    gateway = await startTestGateway();
    partner = bearer(await testToken('partner-acme', ['orders:status']));
    customer = bearer(await testToken('1'));
  });
  afterAll(() => gateway.close());

  /** Runs a query and returns its result with the shop calls it made. */
  async function ask(query: string, headers: Record<string, string> = {}): Promise<{ result: Result; urls: string[] }> {
    let result!: Result;
    const calls = await callsDuring(shopOf(gateway), async () => {
      result = await gateway.query(query, { headers });
    });
    return { result, urls: calls.map((call) => call.url) };
  }

  describe('an anonymous caller', () => {
    it('reads the public catalog, but not a customer, and the shop is never asked for one', async () => {
      const { result, urls } = await ask('{ products { sku } customer(id: "1") { id } }');
      expect(result.status).toBe(200);
      expect((result.body.data?.['products'] as unknown[]).length).toBe(12);
      expect(result.body.data?.['customer']).toBeNull();
      expect(codes(result.body)).toEqual([[['customer'], 'UNAUTHENTICATED']]);
      expect(result.body.errors?.[0]?.message).toBe(
        "Sign in to read Query.customer: it requires scope customers:read or the caller's own record",
      );
      expect(urls).toEqual(['/products']);
      expect(urls.some((url) => url.startsWith('/customers'))).toBe(false);
    });

    it('cannot read me or an order status', async () => {
      const { result, urls } = await ask('{ me { id } orderStatus(id: "1001") }');
      expect(result.body.data).toEqual({ me: null, orderStatus: null });
      expect(codes(result.body)).toEqual([
        [['me'], 'UNAUTHENTICATED'],
        [['orderStatus'], 'UNAUTHENTICATED'],
      ]);
      expect(urls).toEqual([]);
    });

    it('cannot read the order list, and the rest of the query still answers', async () => {
      const { result, urls } = await ask('{ orders { id } }');
      expect(result.body.data).toEqual({ orders: null });
      expect(codes(result.body)).toEqual([[['orders'], 'UNAUTHENTICATED']]);
      expect(urls).toEqual([]);
    });
  });

  describe('the partner (orders:status)', () => {
    it('reads an order status', async () => {
      const { result, urls } = await ask('{ orderStatus(id: "1001") }', partner);
      expect(result.body).toEqual({ data: { orderStatus: 'PLACED' } });
      expect(urls).toEqual(['/orders/1001']);
    });

    it('is FORBIDDEN the order itself, and the shop is never asked for it', async () => {
      const { result, urls } = await ask('{ order(id: "1001") { id status } }', partner);
      expect(result.status).toBe(200);
      expect(result.body.data).toEqual({ order: null });
      expect(codes(result.body)).toEqual([[['order'], 'FORBIDDEN']]);
      expect(result.body.errors?.[0]?.message).toBe('Not allowed to read Query.order: it requires scope orders:read');
      expect(result.body.errors?.[0]?.extensions?.['retryable']).toBe(false);
      expect(urls.filter((url) => url.startsWith('/orders'))).toEqual([]);
    });

    it('is FORBIDDEN any customer', async () => {
      const { result, urls } = await ask('{ customer(id: "1") { id } }', partner);
      expect(codes(result.body)).toEqual([[['customer'], 'FORBIDDEN']]);
      expect(urls).toEqual([]);
    });
  });

  describe('a customer (sub 1, no scopes)', () => {
    it('reads their own profile and their 6 orders through me', async () => {
      const { result, urls } = await ask('{ me { id name orders { id } } }', customer);
      expect(result.body.errors).toBeUndefined();
      const me = result.body.data?.['me'] as { id: string; name: string; orders: { id: string }[] };
      expect(me.id).toBe('1');
      expect(me.name).toBe('Ada Lovelace');
      expect(me.orders).toHaveLength(6);
      expect(me.orders[0]).toEqual({ id: '1001' });
      expect(urls).toEqual(['/customers/1', '/orders?customerId=1']);
    });

    it('reads their own record by id', async () => {
      const { result } = await ask('{ customer(id: "1") { id name orders { id } } }', customer);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data?.['customer']).toMatchObject({ id: '1', name: 'Ada Lovelace' });
    });

    it('is FORBIDDEN another customer, and the shop is never asked for them', async () => {
      const { result, urls } = await ask('{ customer(id: "2") { id name } }', customer);
      expect(result.body.data).toEqual({ customer: null });
      expect(codes(result.body)).toEqual([[['customer'], 'FORBIDDEN']]);
      expect(result.body.errors?.[0]?.message).toBe(
        "Not allowed to read Query.customer: it requires scope customers:read or the caller's own record",
      );
      expect(urls).toEqual([]);
    });

    it('is FORBIDDEN the order list and single orders, even their own', async () => {
      const list = await ask('{ orders { id } }', customer);
      expect(codes(list.result.body)).toEqual([[['orders'], 'FORBIDDEN']]);
      const single = await ask('{ order(id: "1001") { id } }', customer);
      expect(codes(single.result.body)).toEqual([[['order'], 'FORBIDDEN']]);
      expect([...list.urls, ...single.urls]).toEqual([]);
    });

    it('reads the customer of their own orders (own record via parent.customer_id)', async () => {
      const { result, urls } = await ask('{ me { orders { id customer { id name } } } }', customer);
      expect(result.body.errors).toBeUndefined();
      const orders = (result.body.data?.['me'] as { orders: { customer: { id: string; name: string } }[] }).orders;
      expect(orders).toHaveLength(6);
      for (const order of orders) expect(order.customer).toEqual({ id: '1', name: 'Ada Lovelace' });
      expect(urls).toEqual(['/customers/1', '/orders?customerId=1', '/customers?id=1']);
    });
  });

  it('answers me with BAD_USER_INPUT, without calling the shop, for a token without a subject', async () => {
    const token = await new SignJWT({ scope: 'customers:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const { result, urls } = await ask('{ me { id } }', bearer(token));
    expect(result.body.data).toEqual({ me: null });
    expect(codes(result.body)).toEqual([[['me'], 'BAD_USER_INPUT']]);
    expect(urls).toEqual([]);
  });

  describe('a support agent (customers:read, orders:read)', () => {
    it('reads any customer and the customers of any order', async () => {
      const agent = bearer(await testToken('agent-7', ['customers:read', 'orders:read']));
      const { result } = await ask('{ customer(id: "2") { id orders { id } } orders(first: 3) { customer { id } } }', agent);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data?.['customer']).toMatchObject({ id: '2' });
    });

    it("does not read another customer's orders with customers:read alone", async () => {
      const reader = bearer(await testToken('agent-8', ['customers:read']));
      const { result, urls } = await ask('{ customer(id: "2") { id orders { id } } }', reader);
      // Customer.orders is nullable: its denial keeps the customer the agent may read.
      expect(result.body.data).toEqual({ customer: { id: '2', orders: null } });
      expect(codes(result.body)).toEqual([[['customer', 'orders'], 'FORBIDDEN']]);
      expect(urls).toEqual(['/customers/2']);
    });
  });

  describe('the schema tells callers what each field requires', () => {
    it('adds the requirement to field descriptions in introspection', async () => {
      const { result } = await ask('{ __type(name: "Query") { fields { name description } } }');
      const fields = (result.body.data?.['__type'] as { fields: { name: string; description: string | null }[] }).fields;
      const description = (name: string) => fields.find((field) => field.name === name)?.description;
      expect(description('customer')).toBe("One customer by id.\n\nRequires: scope customers:read or the caller's own record.");
      expect(description('me')).toBe("The calling customer, found from the token's subject.\n\nRequires: an authenticated caller.");
      expect(description('orderStatus')).toBe(
        'Where an order stands, for partners tracking deliveries.\n\nRequires: scope orders:read or scope orders:status.',
      );
      expect(description('products')).toBe('The product catalog.');
    });

    it('states the type requirement, and the field requirement (which implies it)', async () => {
      const { result } = await ask('{ __type(name: "Customer") { fields { name description } } }');
      const fields = (result.body.data?.['__type'] as { fields: { name: string; description: string | null }[] }).fields;
      const description = (name: string) => fields.find((field) => field.name === name)?.description;
      expect(description('name')).toBe('Requires: an authenticated caller.');
      expect(description('orders')).toBe(
        "The customer's orders. For N customers: one call, GET /orders?customerId=…\n\nRequires: scope orders:read or the caller's own record.",
      );
    });
  });
});

describe('type-level @requiresScopes', () => {
  const typeDefs = /* GraphQL */ `
    extend schema @source(name: "vault", rest: { baseURL: "{env.VAULT_URL}" })

    type Secret @requiresScopes(scopes: [["secret:read"]]) {
      a: String
      b: String @requiresScopes(scopes: [["b:read"]])
    }

    type Query {
      secret: Secret @rest(source: "vault", path: "/secret")
    }
  `;
  let vault: DemoUpstream;
  let gateway: TestGateway;
  beforeAll(async () => {
    vault = await startDemoUpstream('vault', (app) => {
      app.get('/secret', async () => ({ a: 'alpha', b: 'beta' }));
    });
    gateway = await startTestGateway({ typeDefs: [typeDefs], env: { VAULT_URL: vault.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await vault.close();
  });

  const read = async (scopes: readonly string[] | undefined) =>
    gateway.query('{ secret { a b } }', scopes === undefined ? {} : { headers: bearer(await testToken('someone', scopes)) });

  it('refuses the field returning the type to an anonymous caller, without asking the vault', async () => {
    const before = vault.requests.length;
    const { body } = await read(undefined);
    expect(body.data).toEqual({ secret: null });
    expect(codes(body)).toEqual([[['secret'], 'UNAUTHENTICATED']]);
    expect(vault.requests.length).toBe(before);
  });

  it('forbids the field returning the type without the type scope, even with the field scope', async () => {
    for (const scopes of [[], ['b:read']]) {
      const before = vault.requests.length;
      const { body } = await read(scopes);
      expect(body.data).toEqual({ secret: null });
      expect(codes(body)).toEqual([[['secret'], 'FORBIDDEN']]);
      expect(body.errors?.[0]?.message).toBe('Not allowed to read Query.secret: it requires scope secret:read');
      expect(vault.requests.length).toBe(before);
    }
  });

  it('with the type scope, reads a but needs the field scope too for b', async () => {
    const { body } = await read(['secret:read']);
    expect(body.data).toEqual({ secret: { a: 'alpha', b: null } });
    expect(codes(body)).toEqual([[['secret', 'b'], 'FORBIDDEN']]);
    expect(body.errors?.[0]?.message).toBe('Not allowed to read Secret.b: it requires scope b:read');
  });

  it('with both scopes, reads every field', async () => {
    const { body } = await read(['secret:read', 'b:read']);
    expect(body).toEqual({ data: { secret: { a: 'alpha', b: 'beta' } } });
  });

  it('describes the type and field requirements', async () => {
    const { body } = await gateway.query('{ __type(name: "Secret") { fields { name description } } }');
    expect((body.data?.['__type'] as { fields: unknown[] }).fields).toEqual([
      { name: 'a', description: 'Requires: scope secret:read.' },
      { name: 'b', description: 'Requires: scope secret:read; and scope b:read.' },
    ]);
  });
});
