import { execute, parse, type ExecutionResult } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { compileOperation, isOperationPlan } from '../../src/execution/plan/compileOperation';
import { compileProjection, isProjectable } from '../../src/execution/plan/compileProjection';
import { planSelections } from '../../src/execution/plan/planSelections';
import type { FieldPlan, ObjectCompletion } from '../../src/execution/plan/SelectionPlan';
import { LoaderRegistry } from '../../src/execution/LoaderRegistry';
import { RequestAudit } from '../../src/execution/RequestAudit';
import { ANONYMOUS } from '../../src/auth/Caller';
import { type RequestContext } from '../../src/execution/RequestContext';

/** Upstream values as real APIs answer them: mostly plain, sometimes of another type, null or a method. */
const items: unknown[] = [
  { id: 1, name: 'plain', score: 1.5, active: true, code: 'A1', tags: ['x'], nested: { id: 10, name: 'n' } },
  { id: '2', name: 7, score: null, active: false, code: 3, tags: null, nested: null },
  { id: 3, name: null, score: 2, active: null, code: null, tags: [], nested: { id: 11, name: null } },
  { id: 4.5, name: 'float id', score: Number.NaN, active: 'yes', code: 'C', tags: ['y'], nested: { id: 'x', name: 'bad id' } },
  { id: 2147483648, name: 'too big', score: 0, active: true, code: 'D', tags: [], nested: { id: 12, name: 'ok' } },
  { id: 6, name: { toString: () => 'an object' }, score: 3, active: true, code: 'E', tags: [], nested: { id: 13, name: 'ok' } },
  {
    id: 7,
    name() {
      return 'a method';
    },
    score: 4,
    active: true,
    code: 'F',
    tags: [],
    nested: { id: 14, name: 'ok' },
  },
  null,
  'not an object',
  Promise.resolve({ id: 20, name: 'awaited', score: 1, active: true, code: 'P', tags: [], nested: { id: 21, name: 'p' } }),
  new Error('an item that failed'),
  { id: 9, name: 'last', score: 5, active: true, code: 'G', tags: ['z'], nested: { id: 15, name: 'fine' } },
];

const schema = makeExecutableSchema({
  typeDefs: `
    type Query { items: [Item] strictItems: [StrictItem!] }
    type Item {
      id: Int
      name: String
      score: Float
      active: Boolean
      code: ID
      tags: [String]
      nested: Nested
      computed: String
    }
    type StrictItem { id: Int! name: String! nested: Nested! }
    type Nested { id: Int! name: String }
  `,
  resolvers: {
    // Without the null and failed items: which of two failures in one subtree is reported differs between
    // breadth-first and depth-first execution (see the differential suite's known differences).
    Query: { items: () => items, strictItems: () => items.filter((item) => item !== null && !(item instanceof Error)) },
    Item: { computed: (item: { id?: unknown }) => `computed ${String(item.id)}` },
  },
});

const context = (): RequestContext => ({
  caller: ANONYMOUS,
  clientAddress: '127.0.0.1',
  loaders: new LoaderRegistry(),
  audit: new RequestAudit(),
  deadline: Date.now() + 10_000,
});

async function both(source: string): Promise<{ planned: ExecutionResult; reference: ExecutionResult }> {
  const document = parse(source);
  const plan = compileOperation(schema, document, undefined, { isProtected: () => false });
  if (!isOperationPlan(plan)) throw new Error('did not compile');
  expect(plan.executor).toBe('plan');
  const planned = await plan.run(context(), {});
  const reference = await execute({ schema, document, contextValue: context() });
  return { planned: asSent(planned), reference: asSent(reference) };
}

/** The result as a client receives it, errors in path order (breadth-first execution meets them in another order). */
function asSent(result: ExecutionResult): ExecutionResult {
  const sent = JSON.parse(JSON.stringify(result)) as ExecutionResult;
  const errors = sent.errors?.slice().sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
  return errors === undefined ? sent : { ...sent, errors };
}

describe('projected objects answer exactly what graphql-js answers', () => {
  it.each([
    ['every built-in scalar, nullable', '{ items { id name score active code } }'],
    ['aliases, __typename and a repeated field', '{ items { a: id __typename name b: id t: __typename } }'],
    ['projected fields beside a resolver, a list and an object', '{ items { id computed tags name nested { id name } } }'],
    ['non-null fields whose values do not fit, inside a non-null list item', '{ strictItems { id name nested { id name } } }'],
  ])('%s', async (_title, source) => {
    const { planned, reference } = await both(source);
    expect(planned).toEqual(reference);
    // Same key order as graphql-js, not only the same keys.
    expect(JSON.stringify(planned)).toBe(JSON.stringify(reference));
  });
});

describe('compileProjection', () => {
  const plan = planSelections(schema, parse('{ items { id computed __typename name } }').definitions[0] as never, {}) as ObjectCompletion;
  const itemPlan = (plan.fields[0] as FieldPlan).completion;
  const item = itemPlan.kind === 'list' && itemPlan.item.kind === 'object' ? itemPlan.item : undefined;

  it('marks plain built-in scalars and __typename projected, and fields with resolvers not', () => {
    expect(item?.fields.map((field) => [field.responseKey, field.projected])).toEqual([
      ['id', true],
      ['computed', false],
      ['__typename', true],
      ['name', true],
    ]);
    expect(item?.projection?.complete).toBe(false);
  });

  it('builds the object with placeholders in selection order, and declines values that need coercion', () => {
    const project = item?.projection?.project;
    expect(project?.({ id: 1, name: 'n', computed: 'never read' })).toEqual({ id: 1, computed: null, __typename: 'Item', name: 'n' });
    expect(Object.keys(project?.({ id: 1, name: 'n' }) ?? {})).toEqual(['id', 'computed', '__typename', 'name']);
    expect(project?.({ id: 1 })).toEqual({ id: 1, computed: null, __typename: 'Item', name: null });
    expect(project?.({ id: '1', name: 'n' })).toBeUndefined();
    expect(project?.({ id: 1, name: 5 })).toBeUndefined();
    expect(project?.(null)).toBeUndefined();
    expect(project?.('text')).toBeUndefined();
  });

  it('does not project a field that takes arguments from variables, or a response key that would set the prototype', () => {
    const fields = item?.fields ?? [];
    const byVariables = { ...(fields[0] as FieldPlan), args: { kind: 'variables' as const } };
    expect(isProjectable(byVariables)).toBe(false);
    expect(compileProjection([{ ...(fields[0] as FieldPlan), responseKey: '__proto__' }])).toBeUndefined();
  });
});
