import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        sku
        name
        stock
      }
      ... on Customer {
        id
        name
        orders {
          id
        }
      }
      ... on Order {
        id
        status
      }
    }
  }
`;

/** The subgraph protocol (`_service`, `_entities`) of the demo schema, spoken directly as a router would. */
describe('the demo schema as a federation subgraph', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const entities = async (representations: unknown[], token?: string) => {
    let body: GraphQLResponse | undefined;
    const calls = await callsDuring(gateway.shop!, async () => {
      const headers = token ? { authorization: `Bearer ${token}` } : undefined;
      ({ body } = await gateway.query(ENTITIES, { variables: { representations }, ...(headers ? { headers } : {}) }));
    });
    return { body: body as GraphQLResponse, paths: calls.map((call) => call.url) };
  };

  it('answers _service { sdl } with the entities’ keys and without the gateway’s configuration', async () => {
    const { body } = await gateway.query('{ _service { sdl } }');
    const sdl = (body.data?.['_service'] as { sdl: string }).sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])');
    expect(sdl).toMatch(/type Customer\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Order\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Product\s+@key\(fields: "sku"\)/);
    for (const own of ['@rest', '@soap', '@source', '@inference', '@requiresScopes', '@cacheControl', '{env.'])
      expect(sdl).not.toContain(own);
  });

  it('loads N products with one shop call and their stock with one inventory call, in order; an unknown one is null', async () => {
    const { body, paths } = await entities([
      { __typename: 'Product', sku: 'BOT-001' },
      { __typename: 'Product', sku: 'NOPE-404' },
      { __typename: 'Product', sku: 'JKT-001' },
      { __typename: 'Product', sku: 'BOT-001' },
    ]);
    expect(body.errors).toBeUndefined();
    const products = body.data?.['_entities'] as ({ sku: string; stock: number } | null)[];
    expect(products.map((product) => product?.sku ?? null)).toEqual(['BOT-001', null, 'JKT-001', 'BOT-001']);
    expect(typeof products[0]?.stock).toBe('number');
    expect(paths.sort()).toEqual(['/inventory?sku=BOT-001&sku=JKT-001', '/products?sku=BOT-001&sku=NOPE-404&sku=JKT-001']);
  });

  it('reuses products from the upstream cache (@cacheControl on Product)', async () => {
    const representations = [{ __typename: 'Product', sku: 'HAT-001' }];
    await entities(representations);
    const { body, paths } = await entities(representations);
    expect((body.data?.['_entities'] as { sku: string }[])[0]?.sku).toBe('HAT-001');
    expect(paths.filter((path) => path.startsWith('/products'))).toEqual([]);
  });

  it('refuses protected entity types to an anonymous caller before calling the shop, and answers the rest', async () => {
    const { body, paths } = await entities([
      { __typename: 'Customer', id: '1' },
      { __typename: 'Product', sku: 'SWT-001' },
      { __typename: 'Order', id: '1001' },
    ]);
    expect(body.data?.['_entities']).toEqual([null, expect.objectContaining({ sku: 'SWT-001' }), null]);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Sign in to read Customer: it requires an authenticated caller',
        path: ['_entities', 0],
        extensions: { code: 'UNAUTHENTICATED', retryable: false },
      }),
      expect.objectContaining({ path: ['_entities', 2], extensions: { code: 'UNAUTHENTICATED', retryable: false } }),
    ]);
    expect(paths.some((path) => path.startsWith('/customers') || path.startsWith('/orders'))).toBe(false);
  });

  it('loads N orders for a signed-in caller with one call', async () => {
    const { body, paths } = await entities(
      [
        { __typename: 'Order', id: '1002' },
        { __typename: 'Order', id: '1001' },
      ],
      await testToken('support-1', ['orders:read']),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.['_entities']).toEqual([
      { id: '1002', status: expect.any(String) },
      { id: '1001', status: expect.any(String) },
    ]);
    expect(paths).toEqual(['/orders?id=1002&id=1001']);
  });

  it('checks every field of an entity as through Query: a customer reads their own orders, not another’s', async () => {
    const token = await testToken('3');
    const { body, paths } = await entities(
      [
        { __typename: 'Customer', id: '3' },
        { __typename: 'Customer', id: '4' },
      ],
      token,
    );
    const [own, other] = body.data?.['_entities'] as { id: string; name: string; orders: { id: string }[] | null }[];
    expect(own?.orders?.length).toBeGreaterThan(0);
    expect(other).toEqual(expect.objectContaining({ id: '4', orders: null }));
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['_entities', 1, 'orders'], extensions: { code: 'FORBIDDEN', retryable: false } }),
    ]);
    expect(paths.filter((path) => path.startsWith('/customers'))).toEqual(['/customers?id=3&id=4']);
  });

  it('answers BAD_USER_INPUT for a representation of a type that is not an entity here', async () => {
    const { body, paths } = await entities([{ __typename: 'Payment', orderId: '1001' }, { sku: 'JKT-001' }]);
    expect(body.data?.['_entities']).toEqual([null, null]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.['code'], error.message])).toEqual([
      [['_entities', 0], 'BAD_USER_INPUT', '_entities: "Payment" is not an entity this subgraph resolves'],
      [['_entities', 1], 'BAD_USER_INPUT', '_entities: a representation needs a __typename'],
    ]);
    expect(paths).toEqual([]);
  });
});

/** A subgraph of our own, with an upstream that fails and a field that @requires another subgraph's. */
describe('a subgraph’s reference resolvers and upstream errors', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  beforeAll(async () => {
    upstream = await startDemoUpstream('catalog', (app) => {
      app.get('/items', async (request) => {
        const query = request.query as Record<string, string | string[]>;
        const ids = ([] as string[]).concat(query['id'] ?? []);
        return ids.map((id) => ({ id, title: id === 'bad' ? null : `Item ${id}` }));
      });
      app.get<{ Params: { grams: string } }>('/shipping/:grams', async (request) => ({ cost: Number(request.params.grams) * 2 }));
      app.get('/broken', async (_request, reply) => reply.code(503).send({ error: 'down' }));
    });
    gateway = await startTestGateway({
      env: { CATALOG_URL: upstream.url },
      typeDefs: [
        /* GraphQL */ `
          extend schema
            @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
            @source(name: "catalog", rest: { baseURL: "{env.CATALOG_URL}" }, retry: { attempts: 1 })
          type Query {
            item(id: ID!): Item @rest(source: "catalog", path: "/items", query: { id: "{args.id}" }, select: "0")
          }
          type Item @key(fields: "id") @rest(source: "catalog", path: "/items", query: { id: "{key.id}" }, batchKey: "id") {
            id: ID!
            title: String!
            "Owned by another subgraph; sent to us in the representation."
            grams: Int @external
            shippingCost: Int @requires(fields: "grams") @rest(source: "catalog", path: "/shipping/{parent.grams}", select: "cost")
          }
          type Broken @key(fields: "id") @rest(source: "catalog", path: "/broken", query: { id: "{key.id}" }, batchKey: "id") {
            id: ID!
          }
        `,
      ],
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('resolves @requires fields from the representation, and maps upstream failures per entity', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query(
        `query ($r: [_Any!]!) {
          _entities(representations: $r) { ... on Item { id title shippingCost } ... on Broken { id } }
        }`,
        {
          variables: {
            r: [
              { __typename: 'Item', id: 'a', grams: 150 },
              { __typename: 'Broken', id: 'x' },
              { __typename: 'Item', id: 'bad', grams: 1 },
              { __typename: 'Item', id: 'b', grams: 20 },
            ],
          },
        },
      );
      expect(body.data?.['_entities']).toEqual([
        { id: 'a', title: 'Item a', shippingCost: 300 },
        null,
        null,
        { id: 'b', title: 'Item b', shippingCost: 40 },
      ]);
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['_entities', 1],
          extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', source: 'catalog', status: 503, retryable: true }),
        }),
        expect.objectContaining({
          path: ['_entities', 2, 'title'],
          extensions: expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE', source: 'catalog', retryable: false }),
        }),
      ]);
    });
    expect(calls.map((call) => call.url).sort()).toEqual([
      '/broken?id=x',
      '/items?id=a&id=bad&id=b',
      '/shipping/1',
      '/shipping/150',
      '/shipping/20',
    ]);
  });
});
