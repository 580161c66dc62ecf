import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLScalarType, parse, type ExecutionResult } from 'graphql';
import { ANONYMOUS } from '../../src/auth/Caller';
import { createOperationExecutor } from '../../src/execution/plan/createOperationExecutor';
import { LoaderRegistry } from '../../src/execution/LoaderRegistry';
import { RequestAudit } from '../../src/execution/RequestAudit';
import { serializerFor, stringifyResult } from '../../src/execution/plan/resultSerializers';

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (value) => value });

const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    scalar JSON
    type Item {
      name: String
      count: Int
      ratio: Float
      flag: Boolean
      raw: JSON
      tags: [String]
      matrix: [[Int]]
      next: Item
    }
    type Query {
      items: [Item]
      one: Item
      text(value: String!): String
    }
  `,
  resolvers: {
    JSON: JSONScalar,
    Query: {
      items: () => ITEMS,
      one: () => ITEMS[0],
      text: (_parent: unknown, { value }: { value: string }) => value,
    },
  },
});

const ITEMS = [
  {
    name: 'plain',
    count: 0,
    ratio: -0,
    flag: true,
    raw: { nested: ['a', 1, null], when: new Date(0) },
    tags: ['x', null, 'y'],
    matrix: [[1, 2], null, []],
    next: {
      name: 'inner "quoted" \\ back\nslash',
      count: 2147483647,
      ratio: 1e21,
      flag: false,
      raw: null,
      tags: [],
      matrix: null,
      next: null,
    },
  },
  null,
  {
    name: 'emoji 😀, lone \ud800 surrogate, control \u0001',
    count: -1,
    ratio: 0.1 + 0.2,
    flag: null,
    raw: 'just a string',
    tags: null,
    matrix: [[null]],
    next: null,
  },
];

const context = () => ({
  caller: ANONYMOUS,
  loaders: new LoaderRegistry(),
  audit: new RequestAudit(),
  clientAddress: '127.0.0.1',
  deadline: Date.now() + 5000,
});

async function run(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
  const executor = createOperationExecutor(schema, { maxPlans: 10, isProtected: () => false });
  return executor.execute({ document: parse(query), contextValue: context(), variableValues: variables });
}

/** What Apollo Server sends for a result: its field order, JSON.stringify, a newline. */
const apolloText = (result: ExecutionResult) =>
  `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
const asSent = (result: ExecutionResult) => stringifyResult({ errors: result.errors, data: result.data, extensions: result.extensions });

describe("a plan's response serializer", () => {
  it.each([
    [
      'every leaf kind, nested lists and nulls',
      '{ items { name count ratio flag raw tags matrix next { name count ratio flag raw tags matrix next { name } } } }',
    ],
    [
      'aliases, repeated fields and __typename',
      '{ first: one { n: name, name, __typename, again: next { __typename name } } items { count } }',
    ],
    ['fragments on the concrete type', '{ items { ...F next { ...F } } } fragment F on Item { name flag }'],
    ['an @include condition (one plan per combination)', 'query ($on: Boolean!) { one { name count @include(if: $on) } }'],
  ])('writes %s exactly as JSON.stringify', async (_what, query) => {
    for (const variables of [{ on: true }, { on: false }]) {
      const result = await run(query, variables);
      expect(result.errors).toBeUndefined();
      expect(serializerFor(result.data as object)).toBeDefined();
      expect(asSent(result)).toBe(apolloText(result));
    }
  });

  it('writes strings that need escaping as JSON.stringify does', async () => {
    for (const value of ['a"b', 'back\\slash', 'line\nbreak', '\u0000\u001f', 'pair 😀', 'lone \udc00 low', 'é ü ß', '']) {
      const result = await run('query ($v: String!) { text(value: $v) }', { v: value });
      expect(asSent(result)).toBe(apolloText(result));
    }
  });

  it('leaves data that is not shaped as planned, and results with errors, to JSON.stringify', async () => {
    const result = await run('{ one { name } }');
    const data = result.data as { one: Record<string, unknown> };
    data.one = { other: 'key' };
    expect(serializerFor(data)?.(data)).toBeUndefined();
    expect(asSent(result)).toBe(apolloText(result));

    const failed = await run('{ one { count next { count } } items { name } }');
    const withError: ExecutionResult = { ...failed, errors: [] };
    expect(asSent(withError)).toBe(apolloText(withError));
  });
});
