/**
 * Differential test of compiled execution: every operation of a corpus, run as each caller, must
 * answer exactly as graphql-js's `execute` answers — data, errors (message, path, locations,
 * extensions; sorted by path) and the fields the request audit recorded as denied.
 *
 * Corpora: test/fixtures/differential/ (the demo schema against the real demo upstreams, and the
 * bench schema against a loopback jsonplaceholder upstream from test/helpers/differentialHarness.ts).
 */
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { PERSONAS } from '../../src/auth/personas';
import { createCacheStore } from '../../src/cache/createCacheStore';
import type { CacheStore } from '../../src/cache/CacheStore';
import { DEMO_SCHEMA_DIR, demoResolvers } from '../../src/demo/demoResolvers';
import { startDemoUpstreams, type DemoUpstreams } from '../../src/demo/startDemoUpstreams';
import { createOperationExecutor, type OperationExecutor } from '../../src/execution/plan/createOperationExecutor';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import type { Environment } from '../../src/link/compileSources';
import { loadTypeDefs } from '../../src/schema/loadTypeDefs';
import type { IResolvers } from '@graphql-tools/utils';
import { benchCorpus } from '../fixtures/differential/benchCorpus';
import { demoCorpus } from '../fixtures/differential/demoCorpus';
import {
  buildCallers,
  OutcomeTally,
  runBothPaths,
  startBenchUpstream,
  type BenchUpstream,
  type Comparable,
  type CorpusEntry,
  type DifferentialOutcome,
  type NamedCaller,
} from '../helpers/differentialHarness';

jest.setTimeout(20_000);

const ROOT = join(__dirname, '..', '..');

/**
 * Where the compiled path knowingly differs from graphql-js (docs/execution.md, "Where it differs
 * from graphql-js"): never in data, only in an upstream call or an error below an object that
 * another error already nulled. Each entry is kept as a test that expects the difference
 * (`it.failing`), so a change of behaviour either way is seen. Keyed `schema: entry name`.
 */
const SERIALIZATION_STOP =
  'plan path: after a non-null field fails to serialize (Post.userId 2.5 as Int!), the later sibling `user` is still resolved, ' +
  'one more upstream call (/users/2.5) than graphql-js, which stops at the failing field';
const ORPHANED_SUBTREE =
  "plan path: graphql-js still completes a sibling's subtree resolved before the parent was nulled (post 55: user 7's null " +
  'name) and reports its error at posts.54.user.name; the compiled path skips dead subtrees and drops that error';
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'bench: posts full (the benchmark query)': SERIALIZATION_STOP,
  'bench: two aliased users after userId': SERIALIZATION_STOP,
  'bench: posts full with user selected before userId': ORPHANED_SUBTREE,
  'bench: posts with a null title after their user': ORPHANED_SUBTREE,
};

function persona(name: string): { subject: string; scopes: readonly string[] } {
  const found = PERSONAS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no persona ${name}`);
  return found;
}

interface Served {
  schema: GraphQLSchema;
  executor: OperationExecutor;
  transport: HttpTransport;
  cache: CacheStore;
}

async function serve(typeDefs: Parameters<typeof compileSchema>[0]['typeDefs'], env: Environment, resolvers: IResolvers): Promise<Served> {
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  const transport = new HttpTransport({ hooks: metrics.transportHooks() });
  const cache = createCacheStore({ namespace: 'differential:cache' });
  try {
    const { schema, protectedFields } = await compileSchema({ typeDefs, env, transport, cache, metrics, baseDir: ROOT, resolvers });
    const executor = createOperationExecutor(schema, {
      maxPlans: 1000,
      isProtected: (typeName, fieldName) => protectedFields.has(`${typeName}.${fieldName}`),
    });
    return { schema, executor, transport, cache };
  } catch (error) {
    await transport.close();
    await cache.close();
    throw error;
  }
}

let demos: DemoUpstreams | undefined;
let benchUpstream: BenchUpstream | undefined;
let demo: Served | undefined;
let bench: Served | undefined;
let callers: NamedCaller[] = [];
const tally = new OutcomeTally();
let entriesRun = 0;

beforeAll(async () => {
  demos = await startDemoUpstreams({ SHOP_API_KEY: 'differential-shop-key-0123456789' });
  benchUpstream = await startBenchUpstream();
  demo = await serve(loadTypeDefs(DEMO_SCHEMA_DIR), demos.env, demoResolvers);
  bench = await serve(
    loadTypeDefs(join(ROOT, 'bench', 'schema')),
    { BENCH_UPSTREAM_URL: benchUpstream.url },
    { Query: { greet: () => 'Hello World!' } },
  );
  const agent = persona('support agent');
  const partner = persona('partner');
  callers = await buildCallers([
    { ...persona('customer'), name: 'customer' },
    { ...agent, name: 'staff' },
    { ...partner, name: 'partner' },
    // Partial scopes that reach further than the demo partner's: customers, but not their orders.
    { name: 'crm partner', subject: 'partner-crm', scopes: ['customers:read', 'orders:status'] },
    // Orders, but not the customers or payments on them.
    { name: 'fulfilment', subject: 'warehouse-1', scopes: ['orders:read'] },
  ]);
}, 30_000);

afterAll(async () => {
  for (const served of [demo, bench]) {
    if (served) {
      await served.transport.close();
      await served.cache.close();
    }
  }
  await benchUpstream?.close();
  await demos?.close();
});

/** Compares, for every caller at once, so a failure shows each caller's difference. */
async function expectSameAnswers(served: Served | undefined, entry: CorpusEntry, compareUpstreamCalls: boolean): Promise<void> {
  if (!served) throw new Error('setup failed');
  const outcomes: DifferentialOutcome[] = await runBothPaths(served.schema, served.executor, callers, entry, { compareUpstreamCalls });
  entriesRun += 1;
  for (const outcome of outcomes) tally.add(outcome);
  const byCaller = (pick: (outcome: DifferentialOutcome) => Comparable) =>
    Object.fromEntries(outcomes.map((outcome) => [outcome.caller, withoutText(pick(outcome))]));
  expect(byCaller((outcome) => outcome.compiled)).toEqual(byCaller((outcome) => outcome.reference));
  // Equal values; the response keys must also come in the same (the query's) order.
  const textByCaller = (pick: (outcome: DifferentialOutcome) => Comparable) =>
    Object.fromEntries(outcomes.map((outcome) => [outcome.caller, pick(outcome).dataText]));
  expect(textByCaller((outcome) => outcome.compiled)).toEqual(textByCaller((outcome) => outcome.reference));
}

function withoutText(comparable: Comparable): Omit<Comparable, 'dataText'> {
  const { dataText: _text, ...rest } = comparable;
  return rest;
}

/**
 * The demo schema's cache hints let the compiled run be answered from what the graphql-js run
 * cached, so only the bench schema (no hints, no cache) also compares the upstream calls made.
 */
const corpora: readonly (readonly [string, () => Served | undefined, readonly CorpusEntry[], boolean])[] = [
  ['demo', () => demo, demoCorpus, false],
  ['bench', () => bench, benchCorpus, true],
];

for (const [schemaName, servedOf, corpus, compareUpstreamCalls] of corpora) {
  describe(`${schemaName} schema: compiled execution answers as graphql-js`, () => {
    it('has unique entry names', () => {
      expect(new Set(corpus.map((entry) => entry.name)).size).toBe(corpus.length);
    });
    for (const entry of corpus) {
      const known = KNOWN_DIFFERENCES[`${schemaName}: ${entry.name}`];
      (known === undefined ? it : it.failing)(entry.name, () => expectSameAnswers(servedOf(), entry, compareUpstreamCalls));
    }
  });
}

describe('the comparisons are not trivial', () => {
  it('ran a corpus of at least 100 operations, as six callers, whose results have errors, nulls and data', () => {
    expect(demoCorpus.length + benchCorpus.length).toBeGreaterThanOrEqual(100);
    // Only meaningful when the whole file ran (not with -t).
    if (entriesRun < demoCorpus.length + benchCorpus.length) return;
    expect(callers.map((caller) => caller.name)).toEqual(['anonymous', 'customer', 'staff', 'partner', 'crm partner', 'fulfilment']);
    const codes = Object.fromEntries(tally.errorCodes);
    process.stdout.write(`differential tally: ${JSON.stringify({ ...tally, errorCodes: codes })}\n`);
    expect(tally.executions).toBe(entriesRun * callers.length);
    expect(tally.withErrors).toBeGreaterThan(100);
    expect(tally.withNullData).toBeGreaterThan(10);
    expect(tally.withNullsInData).toBeGreaterThan(50);
    expect(tally.withNonEmptyData).toBeGreaterThan(200);
    expect(tally.withoutData).toBeGreaterThan(20);
    expect(tally.withDenied).toBeGreaterThan(50);
    // '(none)': graphql-js's own errors (variable coercion, non-null violations, serialization) carry no code.
    const expected = [
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'BAD_USER_INPUT',
      'UPSTREAM_REJECTED',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_BAD_RESPONSE',
      '(none)',
    ];
    expect(expected.filter((code) => (codes[code] ?? 0) > 0)).toEqual(expected);
  });
});
