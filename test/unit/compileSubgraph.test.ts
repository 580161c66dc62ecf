import { graphql } from 'graphql';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { findFederationLink } from '../../src/federation/findFederationLink';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import { SchemaCompileError, type SchemaProblem } from '../../src/schema/SchemaProblem';
import { rejectionOf } from './thrownBy';

const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])';
const SOURCE = 'extend schema @source(name: "shop", rest: { baseURL: "https://shop.example.com" })';

async function problemsOf(sdl: string): Promise<SchemaProblem[]> {
  const error = await rejectionOf(() => compileSchema({ typeDefs: [sdl], env: {}, ...runtime }));
  expect(error).toBeInstanceOf(SchemaCompileError);
  return [...(error as SchemaCompileError).problems];
}

describe('findFederationLink', () => {
  it('finds the federation 2 spec linked by a schema extension', () => {
    expect(findFederationLink([LINK, 'type Query { a: Int }'])).toEqual({
      url: 'https://specs.apollo.dev/federation/v2.7',
      version: 'v2.7',
    });
  });

  it('ignores schemas without it, and links to other specs', () => {
    expect(findFederationLink(['type Query { a: Int }'])).toBeUndefined();
    expect(findFederationLink(['extend schema @link(url: "https://specs.apollo.dev/link/v1.0") type Query { a: Int }'])).toBeUndefined();
    expect(
      findFederationLink(['extend schema @link(url: "https://specs.apollo.dev/federation/v1.0") type Query { a: Int }']),
    ).toBeUndefined();
  });
});

describe('compileSchema of a subgraph', () => {
  it('adds _service and _entities, and answers the SDL without the gateway’s own directives', async () => {
    const { schema } = await compileSchema({
      typeDefs: [
        LINK,
        SOURCE,
        `type Query { product(sku: ID!): Product @rest(source: "shop", path: "/products/{args.sku}") }
         type Product @key(fields: "sku") @rest(source: "shop", path: "/products", query: { sku: "{key.sku}" }, batchKey: "sku") {
           sku: ID!
           name: String @requiresScopes(scopes: [["catalog:read"]]) @map(from: "title")
         }`,
      ],
      env: {},
      ...runtime,
    });
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(['product', '_entities', '_service']);
    const result = await graphql({ schema, source: '{ _service { sdl } }' });
    const sdl = (result.data?.['_service'] as { sdl: string }).sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])');
    expect(sdl).toContain('@key(fields: "sku")');
    for (const own of ['@rest', '@source', '@map', '@requiresScopes', 'shop.example.com']) expect(sdl).not.toContain(own);
  });

  it('answers an entity without a reference resolver with its representation', async () => {
    const { schema } = await compileSchema({
      typeDefs: [LINK, 'type Query { a: Int } type Tag @key(fields: "name") { name: String! }'],
      env: {},
      ...runtime,
    });
    const result = await graphql({
      schema,
      source: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Tag { name } } }',
      variableValues: { r: [{ __typename: 'Tag', name: 'winter' }] },
      contextValue: {},
    });
    expect(result).toEqual({ data: { _entities: [{ __typename: 'Tag', name: 'winter' }] } });
  });

  it('loads no entity whose keys are all declared not resolvable here', async () => {
    const { schema } = await compileSchema({
      typeDefs: [LINK, 'type Query { a: Stub } type Stub @key(fields: "id", resolvable: false) { id: ID! }'],
      env: {},
      ...runtime,
    });
    const result = await graphql({
      schema,
      source: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      variableValues: { r: [{ __typename: 'Stub', id: '1' }] },
      contextValue: {},
    });
    expect(result.data).toEqual({ _entities: [null] });
    expect(result.errors?.map((error) => [error.message, error.extensions['code']])).toEqual([
      ['_entities: "Stub" is not an entity this subgraph resolves', 'BAD_USER_INPUT'],
    ]);
  });

  it('reports what Apollo’s subgraph validation finds', async () => {
    const [unknown] = await problemsOf(`${LINK}
      type Query { a: Product }
      type Product @key(fields: "sku") @shareable { sku: ID! }`);
    expect(unknown?.coordinate).toBe('@link(federation)');
    expect(unknown?.message).toMatch(/^Unknown directive "@shareable"\. If you meant the "@shareable" federation directive/);
    const [key] = await problemsOf(`${LINK}
      type Query { a: Product }
      type Product @key(fields: "id") { sku: ID! }`);
    expect(key?.message).toBe(
      'On type "Product", for @key(fields: "id"): Cannot query field "id" on type "Product" (the field should either be added to this subgraph or, if it should not be resolved by this subgraph, you need to add it to this subgraph with @external).',
    );
  });

  it('refuses a reference resolver that reads what no key has, or a parent or arguments', async () => {
    expect(
      await problemsOf(`${LINK} ${SOURCE}
        type Query { a: Int }
        type Product @key(fields: "sku") @rest(source: "shop", path: "/products/{key.id}", query: { w: "{parent.weight}" }) { sku: ID! }`),
    ).toEqual([
      { coordinate: 'Product.__resolveReference', message: "@rest path: {key.id} is not a field of the type's @key (sku)" },
      {
        coordinate: 'Product.__resolveReference',
        message: '@rest query.w: {parent.weight} cannot be used in a reference resolver; read the representation with {key.…}',
      },
    ]);
  });

  it('refuses a reference resolver on a type without a resolvable @key', async () => {
    expect(
      await problemsOf(`${LINK} ${SOURCE}
        type Query { a: Product }
        type Product @key(fields: "sku", resolvable: false) @rest(source: "shop", path: "/products/{key.sku}") { sku: ID! }`),
    ).toEqual([
      { coordinate: 'Product', message: '@rest on a type is its reference resolver for federation: the type needs a resolvable @key' },
    ]);
  });

  it('refuses a reference resolver in a schema that is not a subgraph', async () => {
    const [problem] = await problemsOf(`${SOURCE}
      type Query { a: Product }
      type Product @rest(source: "shop", path: "/products") { sku: ID! }`);
    expect(problem?.coordinate).toBe('Product');
    expect(problem?.message).toMatch(/^@rest on a type is an entity's reference resolver: the schema must link the federation spec/);
  });

  it('says where {key.…} belongs when a field reads it', async () => {
    expect(
      await problemsOf(`${SOURCE}
        type Query { a: Int @rest(source: "shop", path: "/a/{key.id}") }`),
    ).toEqual([
      {
        coordinate: 'Query.a',
        message: '@rest path: {key.id} cannot be used here; {key.…} belongs in a reference resolver (@rest on a type with @key)',
      },
    ]);
  });
});
