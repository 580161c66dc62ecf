/**
 * Lists built by the compiled path: filled in order (kept packed for JSON.stringify), with items
 * that settle later (promises, nested objects waiting on a resolver) in their place, no holes, and
 * the same answer as graphql-js's `execute` whichever items are late, null or failing.
 */
import { execute, parse, type ExecutionResult } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ANONYMOUS } from '../../src/auth/Caller';
import { createOperationExecutor } from '../../src/execution/plan/createOperationExecutor';
import { freshContext } from '../helpers/differentialHarness';

const later = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 1));
const failLater = (message: string): Promise<never> => new Promise((_, reject) => setTimeout(() => reject(new Error(message)), 1));

const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Item {
      id: ID!
      label: String
    }
    type Query {
      lastLate: [Item]
      firstLate: [Item]
      allLate: [Item]
      lateAndFailing: [Item]
      lateScalars: [Int]
      nested: [[Item]]
    }
  `,
  resolvers: {
    Query: {
      lastLate: () => [{ id: '1', label: 'a' }, null, later({ id: '3', label: 'c' })],
      firstLate: () => [later({ id: '1', label: 'a' }), { id: '2', label: 'b' }, { id: '3', label: null }],
      allLate: () => [later({ id: '1', label: 'a' }), later(null), later({ id: '3', label: 'c' })],
      lateAndFailing: () => [{ id: '1', label: 'a' }, failLater('item two failed'), later({ id: '3', label: 'c' })],
      lateScalars: () => [1, later(2), null, later(4)],
      nested: () => [[{ id: '1', label: 'a' }, later({ id: '2', label: 'b' })], later([later({ id: '3', label: 'c' })])],
    },
    Item: {
      // A resolver of its own, so every item waits on a level below the list.
      label: (item: { label: string | null }) => later(item.label),
    },
  },
});

const executor = createOperationExecutor(schema, { maxPlans: 10, isProtected: () => false });

async function bothPaths(query: string): Promise<{ compiled: ExecutionResult; reference: ExecutionResult }> {
  const document = parse(query);
  const compiled = await executor.execute({ document, contextValue: freshContext(ANONYMOUS) });
  const reference = await execute({ schema, document, contextValue: freshContext(ANONYMOUS) });
  return { compiled, reference };
}

/** Every index of every array in `value` holds a value of its own (no hole). */
function holes(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    const found: string[] = [];
    for (let index = 0; index < value.length; index++) {
      if (!Object.prototype.hasOwnProperty.call(value, index)) found.push(`${path}.${index}`);
      else found.push(...holes(value[index], `${path}.${index}`));
    }
    return found;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => holes(child, `${path}.${key}`));
  }
  return [];
}

describe('lists completed by the compiled path', () => {
  it.each(['lastLate', 'firstLate', 'allLate', 'lateAndFailing'])('%s answers as graphql-js, every item in place', async (field) => {
    const { compiled, reference } = await bothPaths(`{ ${field} { id label } }`);
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(reference)));
    const list = (compiled.data as Record<string, unknown[]>)[field];
    expect(list).toHaveLength(3);
    expect(holes(compiled.data)).toEqual([]);
  });

  it('keeps a failing late item as null with its error at its index', async () => {
    const { compiled } = await bothPaths('{ lateAndFailing { id } }');
    expect(compiled.data).toEqual({ lateAndFailing: [{ id: '1' }, null, { id: '3' }] });
    expect(compiled.errors?.map((error) => [error.message, error.path])).toEqual([['item two failed', ['lateAndFailing', 1]]]);
  });

  it('keeps late scalars and nested lists in order', async () => {
    const { compiled, reference } = await bothPaths('{ lateScalars nested { id label } }');
    expect(compiled).toEqual(reference);
    expect(compiled.data).toEqual({
      lateScalars: [1, 2, null, 4],
      nested: [
        [
          { id: '1', label: 'a' },
          { id: '2', label: 'b' },
        ],
        [{ id: '3', label: 'c' }],
      ],
    });
    expect(holes(compiled.data)).toEqual([]);
  });
});
