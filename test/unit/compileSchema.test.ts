import { RESILIENCE_DEFAULTS } from '../../src/schema/ResilienceSettings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObjectType } from 'graphql';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import { SchemaCompileError, type SchemaProblem } from '../../src/schema/SchemaProblem';
import type { Environment } from '../../src/link/compileSources';
import { rejectionOf } from './thrownBy';

const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

const MONEY = 'type Money { amount: String! currency: String! }';

async function problemsOf(sdl: string, env: Environment = {}): Promise<SchemaProblem[]> {
  const error = await rejectionOf(() => compileSchema({ typeDefs: [sdl], env, ...runtime }));
  expect(error).toBeInstanceOf(SchemaCompileError);
  return [...(error as SchemaCompileError).problems];
}

/** Problems in a stable order, so a list can be compared exactly. */
function sorted(problems: readonly SchemaProblem[]): SchemaProblem[] {
  return [...problems].sort((a, b) => `${a.coordinate}\n${a.message}`.localeCompare(`${b.coordinate}\n${b.message}`));
}

describe('compileSchema', () => {
  it('reports every problem of a schema in one SchemaCompileError, each with its coordinate', async () => {
    const sdl = `
      extend schema
        @source(name: "shop", rest: { baseURL: "https://shop.example.com", headers: [{ name: "x-api-key", value: "{env.SHOP_API_KEY}" }] })
        @source(name: "shop", rest: { baseURL: "https://other.example.com" })
        @source(name: "crm", rest: { baseURL: "not a url" })
        @source(name: "billing", rest: { baseURL: "{env.BILLING_URL}" })
      ${MONEY}
      type Customer {
        id: ID!
        orders: [Order!]! @rest(source: "shop", path: "/orders", query: { customerId: "{parent.id}" }, batchKey: "customer")
      }
      type Order {
        id: ID!
        customer: Customer @rest(source: "shp", path: "/customers/{parent.customer_id}")
        total: Money @money(minorUnitsFrom: "total_minor")
        placedAt: String @map(from: "placed_on") @rest(source: "shop", path: "/placed")
        lines: [String] @rest(source: "shop", method: POST, path: "/lines", query: { id: "{parent.id}" }, batchKey: "id")
      }
      type Query {
        customer(id: ID!): Customer @rest(source: "shop", path: "/customers/{args.nope}")
        me: Customer @rest(source: "shop", path: "/customers/{parent.id}")
        secret: String @rest(source: "shop", path: "/secret", headers: [{ name: "x-key", value: "{env.SECRET}" }])
        search(q: String): [Order] @rest(source: "shop", path: "/orders?q={args.q}")
      }
    `;
    expect(sorted(await problemsOf(sdl, { SHOP_API_KEY: 'k' }))).toEqual(
      sorted([
        { coordinate: '@source(shop)', message: 'source "shop" is declared twice' },
        { coordinate: '@source(crm)', message: 'baseURL "not a url" is not an absolute http(s) URL' },
        { coordinate: '@source(billing) baseURL', message: 'environment variable BILLING_URL is not set' },
        {
          coordinate: 'Customer.orders',
          message: '@rest batchKey "customer" must name a query parameter, e.g. query: { customer: "{parent.customer}" }',
        },
        { coordinate: 'Order.customer', message: '@rest source "shp" is not declared with @source' },
        { coordinate: 'Order.total', message: '@money needs exactly one of currencyFrom or currency' },
        { coordinate: 'Order.placedAt', message: 'use one of @rest, @map, not several' },
        { coordinate: 'Order.lines', message: '@rest batchKey needs method GET, got POST' },
        { coordinate: 'Query.customer', message: '@rest path: {args.nope} names an argument the field does not have' },
        { coordinate: 'Query.me', message: '@rest path: {parent.id} has no parent on a root field' },
        { coordinate: 'Query.secret', message: '@rest header x-key: {env.SECRET} cannot be used here; {env.…} belongs in @source' },
        {
          coordinate: 'Query.search',
          message: '@rest path "/orders?q={args.q}" must not contain "?" or "#"; declare query parameters with query:',
        },
      ]),
    );
  });

  it('says how many problems there are and lists them in the message', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com" })
      type Query {
        a(id: ID!): String @rest(source: "shop", path: "/a/{args.nope}")
        b: String @rest(source: "shop", path: "/b/{parent.id}")
      }
    `;
    const error = await rejectionOf(() => compileSchema({ typeDefs: [sdl], env: {}, ...runtime }));
    expect(error.message).toBe(
      'The schema has 2 problems:\n' +
        '  Query.a: @rest path: {args.nope} names an argument the field does not have\n' +
        '  Query.b: @rest path: {parent.id} has no parent on a root field',
    );
  });

  it('reports a @source header whose environment variable is not set at the header', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com", headers: [{ name: "x-api-key", value: "{env.KEY}" }] })
      type Query { a: String @rest(source: "shop", path: "/a") }
    `;
    expect(await problemsOf(sdl)).toEqual([
      { coordinate: '@source(shop) header x-api-key', message: 'environment variable KEY is not set' },
    ]);
  });

  it('counts an empty environment variable as not set', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com", headers: [{ name: "x-api-key", value: "{env.KEY}" }] })
      type Query { a: String @rest(source: "shop", path: "/a") }
    `;
    expect(await problemsOf(sdl, { KEY: '' })).toEqual([
      { coordinate: '@source(shop) header x-api-key', message: 'environment variable KEY is not set' },
    ]);
  });

  it('refuses a baseURL with a query string', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com/api?key=1" })
      type Query { a: String }
    `;
    expect(await problemsOf(sdl)).toEqual([
      { coordinate: '@source(shop)', message: 'baseURL "https://shop.example.com/api?key=1" is not an absolute http(s) URL' },
    ]);
  });

  it('refuses a batchKey on a root field', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com" })
      type Query { a(id: ID): String @rest(source: "shop", path: "/a", query: { id: "{args.id}" }, batchKey: "id") }
    `;
    expect(await problemsOf(sdl)).toEqual([
      { coordinate: 'Query.a', message: '@rest batchKey batches across parents; a root field has none' },
    ]);
  });

  it('refuses a @money currency that is not an ISO-4217 code', async () => {
    const sdl = `
      ${MONEY}
      type Query { total: Money @money(minorUnitsFrom: "total_minor", currency: "euro") }
    `;
    expect(await problemsOf(sdl)).toEqual([
      { coordinate: 'Query.total', message: '@money currency: "euro" is not an ISO-4217 currency code' },
    ]);
  });

  it('refuses a template syntax error in a @rest query', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com" })
      type Query { a(id: ID): String @rest(source: "shop", path: "/a", query: { id: "{args.id" }) }
    `;
    expect(await problemsOf(sdl)).toEqual([{ coordinate: 'Query.a', message: '@rest query.id: unclosed "{" at offset 0 in "{args.id"' }]);
  });

  it('reports a duplicate source name even when the first declaration has a problem', async () => {
    const sdl = `
      extend schema
        @source(name: "shop", rest: { baseURL: "{env.SHOP_URL}" })
        @source(name: "shop", rest: { baseURL: "https://other.example.com" })
      type Query { a: String @rest(source: "shop", path: "/a") }
    `;
    expect(await problemsOf(sdl)).toEqual([
      { coordinate: '@source(shop) baseURL', message: 'environment variable SHOP_URL is not set' },
      { coordinate: '@source(shop)', message: 'source "shop" is declared twice' },
    ]);
  });

  it('does not claim a declared but broken source is undeclared', async () => {
    const sdl = `
      extend schema @source(name: "shop", rest: { baseURL: "{env.SHOP_URL}" })
      type Query { a: String @rest(source: "shop", path: "/a") }
    `;
    expect(await problemsOf(sdl)).toEqual([{ coordinate: '@source(shop) baseURL', message: 'environment variable SHOP_URL is not set' }]);
  });

  describe('a valid schema', () => {
    const demoSchema = readFileSync(join(__dirname, '..', '..', 'schema', 'shop.graphql'), 'utf8');
    const compiled = () =>
      compileSchema({
        typeDefs: [demoSchema],
        env: {
          SHOP_URL: 'https://shop.example.com/api/',
          SHOP_API_KEY: 'k1',
          SHOP_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        },
        ...runtime,
      });

    it('compiles its sources with defaults filled in and env values interpolated', async () => {
      expect((await compiled()).sources.get('shop')).toEqual({
        kind: 'rest',
        name: 'shop',
        baseURL: 'https://shop.example.com/api',
        headers: { 'x-api-key': 'k1' },
        timeoutMs: 2000,
        maxResponseBytes: 16 * 1024 * 1024,
        maxBatchSize: 100,
        cacheMaxAgeSeconds: 0,
        resilience: RESILIENCE_DEFAULTS,
      });
    });

    it('attaches a resolver to each directive field only', async () => {
      const query = (await compiled()).schema.getQueryType();
      const order = (await compiled()).schema.getType('Order');
      const product = (await compiled()).schema.getType('Product');
      if (!query || !isObjectType(order) || !isObjectType(product)) throw new Error('expected Query, Order and Product object types');
      expect(typeof query.getFields()['customer']?.resolve).toBe('function');
      expect(typeof order.getFields()['total']?.resolve).toBe('function');
      expect(typeof product.getFields()['stock']?.resolve).toBe('function');
      // A public type's plain field is a property read (Order's fields are guarded: Order is @authenticated).
      expect(product.getFields()['sku']?.resolve).toBeUndefined();
    });

    it('serves the schema without the gateway directives and their input types', async () => {
      const { schema } = await compiled();
      expect(schema.getDirective('rest')).toBeUndefined();
      expect(schema.getDirective('source')).toBeUndefined();
      expect(schema.getDirective('map')).toBeUndefined();
      expect(schema.getDirective('money')).toBeUndefined();
      for (const name of ['RestSource', 'TemplateHeader', 'RestMethod', 'TemplateObject']) {
        expect(schema.getType(name)).toBeUndefined();
      }
      expect(schema.getDirective('deprecated')).toBeDefined();
      expect(schema.getType('Customer')).toBeDefined();
    });
  });
});

describe('compileSchema with hand-written resolvers', () => {
  it('reports resolvers for types and fields the schema does not declare', async () => {
    const error = await rejectionOf(() =>
      compileSchema({
        typeDefs: ['type Order { id: ID! } type Query { order: Order }'],
        env: {},
        ...runtime,
        resolvers: { Order: { itemCont: () => 1 }, Invoice: { id: () => '1' } },
      }),
    );
    expect(error).toBeInstanceOf(SchemaCompileError);
    expect(sorted((error as SchemaCompileError).problems)).toEqual([
      { coordinate: 'Invoice', message: 'has hand-written resolvers, but the schema declares no such type' },
      { coordinate: 'Order.itemCont', message: 'has a hand-written resolver, but the schema declares no such field' },
    ]);
  });
});
