import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

/**
 * Every field's error goes through the one mapping, whatever resolves the field: a hand-written
 * resolver's typed error answers with its own code, source and retryable flag, the access check's
 * denial is coded before the resolver runs, and anything else is masked.
 */
const SDL = `
  type Query {
    failing: Int
    invalid(value: String): Int
    crashing: Int
    secret: Int @requiresScopes(scopes: [["secrets:read"]])
  }
`;

describe('one error mapping for every field', () => {
  let gateway: TestGateway;
  let secretCalls = 0;
  beforeAll(async () => {
    gateway = await startTestGateway({
      typeDefs: [SDL],
      resolvers: {
        Query: {
          failing: () => Promise.reject(new UpstreamUnavailableError('ledger', 'Upstream "ledger" failed with HTTP 502', { status: 502 })),
          invalid: (_parent: unknown, args: { value?: string }) => {
            throw new BadUserInputError(`"${args.value ?? ''}" is not a ledger id`);
          },
          crashing: () => {
            throw new TypeError('cannot read properties of undefined (token=s3cret)');
          },
          secret: () => {
            secretCalls += 1;
            return 42;
          },
        },
      },
    });
  });
  afterAll(() => gateway.close());

  it("answers a hand-written resolver's upstream error with its code, source and retryable flag", async () => {
    const { body } = await gateway.query('{ failing invalid(value: "x/..") }');
    expect(body.data).toEqual({ failing: null, invalid: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['failing'],
        message: 'Upstream "ledger" failed with HTTP 502',
        extensions: { code: 'UPSTREAM_UNAVAILABLE', source: 'ledger', status: 502, retryable: true },
      }),
      expect.objectContaining({ path: ['invalid'], extensions: { code: 'BAD_USER_INPUT', retryable: false } }),
    ]);
  });

  it('masks what is not one of ours, without its message', async () => {
    const { body } = await gateway.query('{ crashing }');
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['crashing'],
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false },
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('s3cret');
  });

  it('codes a denied hand-written field before its resolver runs', async () => {
    const anonymous = await gateway.query('{ secret }');
    expect(anonymous.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', retryable: false });
    const token = await testToken('agent-7', ['orders:read']);
    const forbidden = await gateway.query('{ secret }', { headers: { authorization: `Bearer ${token}` } });
    expect(forbidden.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', retryable: false });
    expect(secretCalls).toBe(0);
    const allowed = await gateway.query('{ secret }', {
      headers: { authorization: `Bearer ${await testToken('agent-7', ['secrets:read'])}` },
    });
    expect(allowed.body).toEqual({ data: { secret: 42 } });
    expect(secretCalls).toBe(1);
  });
});
