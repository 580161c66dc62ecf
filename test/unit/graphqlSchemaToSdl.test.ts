import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType, parse } from 'graphql';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { graphqlSchemaToSdl } from '../../src/importers/graphql/graphqlSchemaToSdl';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';

const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

/** The published Star Wars API schema (graphql/swapi-graphql): a query root named Root, a Node interface, Relay connections. */
const swapi = buildSchema(readFileSync(join(__dirname, '..', 'fixtures', 'graphql', 'swapi.graphql'), 'utf8'));

describe('graphqlSchemaToSdl', () => {
  it('binds every root field of a real schema, and the result compiles in the gateway', async () => {
    const { sdl, notes, urlVariable } = graphqlSchemaToSdl(swapi, 'star-wars');
    expect(urlVariable).toBe('STAR_WARS_URL');
    expect(notes).toEqual([]);
    expect(sdl).toContain('extend schema @source(name: "star-wars", graphql: {url: "{env.STAR_WARS_URL}"})');
    expect(sdl).toContain('film(id: ID, filmID: ID): Film @graphql(source: "star-wars")');
    expect(sdl).not.toMatch(/type Root\b/);

    const compiled = await compileSchema({
      typeDefs: ['type Query { ping: String }', sdl],
      env: { STAR_WARS_URL: 'http://127.0.0.1:9/graphql' },
      ...runtime,
    });
    const query = compiled.schema.getQueryType();
    expect(Object.keys(query?.getFields() ?? {})).toEqual(expect.arrayContaining(['ping', 'allFilms', 'film', 'node']));
    expect(compiled.upstreamFields.get('Query.film')).toBe('star-wars');
    expect(isObjectType(compiled.schema.getType('Planet'))).toBe(true);
    expect(compiled.schema.getType('Node')?.astNode?.kind).toBe('InterfaceTypeDefinition');
  });

  it('binds mutations, keeps @deprecated, and says what it leaves out', () => {
    const service = buildSchema(/* GraphQL */ `
      directive @internal on FIELD_DEFINITION
      type Item {
        id: ID!
        old: String @deprecated(reason: "use id")
        hidden: String @internal
      }
      type Payload {
        item: Item
        query: QueryRoot
      }
      type QueryRoot {
        item(id: ID!): Item
      }
      type MutationRoot {
        save(id: ID!): Payload
      }
      type SubscriptionRoot {
        saved: Item
      }
      schema {
        query: QueryRoot
        mutation: MutationRoot
        subscription: SubscriptionRoot
      }
    `);
    const { sdl, notes } = graphqlSchemaToSdl(service, 'items');
    const document = parse(sdl);
    expect(document.definitions.map((definition) => ('name' in definition ? definition.name?.value : definition.kind))).toEqual([
      'SchemaExtension',
      'Item',
      'Payload',
      'Query',
      'Mutation',
    ]);
    expect(sdl).toContain('old: String @deprecated(reason: "use id")');
    expect(sdl).toContain('hidden: String\n');
    expect(sdl).toContain('save(id: ID!): Payload @graphql(source: "items")');
    expect(notes).toEqual([
      'directive @internal of the service is not carried over',
      'Payload.query returns the root type QueryRoot and is not imported',
      'subscription fields of SubscriptionRoot are not imported: @graphql serves queries and mutations',
    ]);
  });
});
