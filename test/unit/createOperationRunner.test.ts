import { makeExecutableSchema } from '@graphql-tools/schema';
import { Repeater } from '@graphql-yoga/subscription';
import type { ExecutionResult } from 'graphql';
import { LoaderRegistry } from '../../src/execution/LoaderRegistry';
import { RequestAudit } from '../../src/execution/RequestAudit';
import { ANONYMOUS, type Caller } from '../../src/auth/Caller';
import { type RequestContext } from '../../src/execution/RequestContext';
import { createOperationRunner, isRefused } from '../../src/subscriptions/transport/createOperationRunner';
import { LiveSubscriptions } from '../../src/subscriptions/transport/LiveSubscriptions';

const schema = makeExecutableSchema({
  typeDefs: 'type Query { ok: Boolean } type Subscription { ticks: Int }',
  resolvers: {
    Subscription: {
      ticks: {
        subscribe: () =>
          new Repeater<number>(async (push, stop) => {
            await push(1);
            await push(2);
            await stop;
          }),
        resolve: (tick: number) => tick,
      },
    },
  },
});

function setup(maxPerCaller = 1) {
  const live = new LiveSubscriptions(maxPerCaller);
  const runner = createOperationRunner({
    schema: () => schema,
    validationRules: [],
    maxTokens: 1000,
    requestTimeoutMs: 1000,
    formatError: (formatted) => formatted,
    upstreamFields: () => new Map([['Subscription.ticks', 'clock']]),
    live,
  });
  const context = (caller: Caller = ANONYMOUS): RequestContext => ({
    caller,
    clientAddress: '127.0.0.1',
    loaders: new LoaderRegistry(),
    audit: new RequestAudit(),
    deadline: Date.now() + 1000,
  });
  const subscribe = async (caller?: Caller) => {
    const prepared = runner.prepare({ query: 'subscription { ticks }' }, context(caller));
    if (isRefused(prepared)) throw new Error('refused');
    return runner.run(prepared);
  };
  return { live, runner, context, subscribe };
}

function isStream(value: unknown): value is AsyncIterableIterator<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

describe('the operation runner shared by WebSocket and SSE', () => {
  it('executes each event, and forgets the subscription when the client leaves', async () => {
    const { live, subscribe } = setup();
    const stream = await subscribe();
    if (!isStream(stream)) throw new Error('expected a stream');
    expect((await stream.next()).value).toEqual({ data: { ticks: 1 } });
    expect((await stream.next()).value).toEqual({ data: { ticks: 2 } });
    expect(live.size).toBe(1);
    await stream.return?.();
    expect(live.size).toBe(0);
  });

  it('counts subscriptions per caller, and frees the count of one returned before its first event', async () => {
    const { live, subscribe } = setup(1);
    const first = await subscribe();
    expect(await subscribe()).toEqual({
      errors: [
        expect.objectContaining({
          message: 'Too many subscriptions: at most 1 at once per caller',
          extensions: { code: 'RATE_LIMITED', retryable: false },
        }),
      ],
    });
    if (!isStream(first)) throw new Error('expected a stream');
    await first.return?.();
    expect(live.size).toBe(0);
    expect(isStream(await subscribe())).toBe(true);
  });

  it('refuses a subscription whose token has already expired', async () => {
    const { subscribe } = setup();
    const expired: Caller = {
      authenticated: true,
      subject: 'a',
      claims: { exp: Math.floor(Date.now() / 1000) - 1 },
      scopes: new Set(),
      via: 'token',
    };
    expect(await subscribe(expired)).toEqual({
      errors: [expect.objectContaining({ message: 'The token has expired', extensions: { code: 'UNAUTHENTICATED', retryable: false } })],
    });
  });

  it('refuses a document that does not parse or validate, with the codes Apollo Server uses', () => {
    const { runner, context } = setup();
    const [parseError] = runner.prepare({ query: 'subscription {' }, context()) as readonly { extensions: unknown }[];
    expect(parseError?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED', retryable: false });
    const [invalid] = runner.prepare({ query: 'subscription { nope }' }, context()) as readonly { extensions: unknown }[];
    expect(invalid?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', retryable: false });
  });
});
