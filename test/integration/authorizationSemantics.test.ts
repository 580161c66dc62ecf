import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { startTestGateway, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

/**
 * Apollo Router's authorization semantics on objects, interfaces, unions, scalars and enums,
 * against a real upstream on loopback that records every call: what a field returns is checked
 * before the field runs, so nothing denied is ever fetched.
 */
const SDL = `
  extend schema @source(name: "books", rest: { baseURL: "{env.BOOKS_URL}" })
  type Query {
    invoices: [Invoice!] @rest(source: "books", path: "/invoices")
    account(id: ID!): Account @rest(source: "books", path: "/accounts/{args.id}")
    search: [SearchResult!] @rest(source: "books", path: "/search")
    customer(id: ID!): Customer @rest(source: "books", path: "/customers/{args.id}")
    iban: Iban @rest(source: "books", path: "/iban", select: "iban")
    risk: RiskLevel @rest(source: "books", path: "/risk", select: "level")
  }
  "Invoices are for the billing team."
  type Invoice @requiresScopes(scopes: [["billing:read"]]) { id: ID total: Int }
  interface Account @authenticated {
    id: ID!
    balance: Int @requiresScopes(scopes: [["balance:read"]])
  }
  type Savings implements Account { id: ID! balance: Int rate: Float }
  type Article { title: String! }
  union SearchResult = Article | Invoice
  type Customer {
    id: ID!
    name: String!
    notes: [String!] @requiresScopes(scopes: [["notes:read"]]) @rest(source: "books", path: "/customers/{parent.id}/notes")
  }
  scalar Iban @authenticated
  enum RiskLevel @requiresScopes(scopes: [["risk:read"]]) { LOW HIGH }
`;

const codes = (body: GraphQLResponse): [(string | number)[] | undefined, unknown][] =>
  (body.errors ?? []).map((error) => [error.path, error.extensions?.['code']]);

describe('authorization on objects, interfaces, unions, scalars and enums', () => {
  let books: DemoUpstream;
  let gateway: TestGateway;
  const bearer = async (scopes: string[]) => ({ authorization: `Bearer ${await testToken('reader', scopes)}` });
  /** Runs a query and answers its result with the upstream paths it called. */
  const run = async (query: string, headers: Record<string, string> = {}) => {
    const before = books.requests.length;
    const result = await gateway.query(query, { headers });
    return { ...result, calls: books.requests.slice(before).map((request) => request.url) };
  };

  beforeAll(async () => {
    books = await startDemoUpstream('books', (app) => {
      app.get('/invoices', async () => [{ id: 'inv-1', total: 120 }]);
      app.get('/accounts/:id', async (request) => ({
        __typename: 'Savings',
        id: (request.params as { id: string }).id,
        balance: 900,
        rate: 1.5,
      }));
      app.get('/search', async () => [
        { __typename: 'Article', title: 'Paying on time' },
        { __typename: 'Invoice', id: 'inv-2', total: 80 },
      ]);
      app.get('/customers/:id', async (request) => ({ id: (request.params as { id: string }).id, name: 'Ada' }));
      app.get('/customers/:id/notes', async () => ['prefers email']);
      app.get('/iban', async () => ({ iban: 'DE89370400440532013000' }));
      app.get('/risk', async () => ({ level: 'LOW' }));
    });
    gateway = await startTestGateway({ typeDefs: [SDL], env: { BOOKS_URL: books.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await books.close();
  });

  it('denies a field that returns a protected object before calling its upstream', async () => {
    const anonymous = await run('{ invoices { id } }');
    expect(anonymous.body.data).toEqual({ invoices: null });
    expect(codes(anonymous.body)).toEqual([[['invoices'], 'UNAUTHENTICATED']]);
    expect(anonymous.calls).toEqual([]);

    const withoutScope = await run('{ invoices { id } }', await bearer(['other']));
    expect(codes(withoutScope.body)).toEqual([[['invoices'], 'FORBIDDEN']]);
    expect(withoutScope.calls).toEqual([]);

    const billing = await run('{ invoices { id total } }', await bearer(['billing:read']));
    expect(billing.body).toEqual({ data: { invoices: [{ id: 'inv-1', total: 120 }] } });
    expect(billing.calls).toEqual(['/invoices']);
  });

  it("denies a field that returns a protected interface, and applies the interface's field rules to its implementations", async () => {
    const anonymous = await run('{ account(id: "7") { id } }');
    expect(anonymous.body.data).toEqual({ account: null });
    expect(codes(anonymous.body)).toEqual([[['account'], 'UNAUTHENTICATED']]);
    expect(anonymous.calls).toEqual([]);

    // Signed in without balance:read: the account answers, its balance (declared on the interface) does not,
    // asked either on the interface or through the implementation.
    const signedIn = await run('{ account(id: "7") { id balance ... on Savings { rate again: balance } } }', await bearer([]));
    expect(signedIn.body.data).toEqual({ account: { id: '7', balance: null, rate: 1.5, again: null } });
    expect(codes(signedIn.body)).toEqual([
      [['account', 'balance'], 'FORBIDDEN'],
      [['account', 'again'], 'FORBIDDEN'],
    ]);
    expect(signedIn.calls).toEqual(['/accounts/7']);

    const full = await run('{ account(id: "7") { id balance } }', await bearer(['balance:read']));
    expect(full.body).toEqual({ data: { account: { id: '7', balance: 900 } } });
  });

  it('denies the protected member of a union field by field, and keeps the others', async () => {
    const result = await run('{ search { __typename ... on Article { title } ... on Invoice { id total } } }', await bearer([]));
    expect(result.body.data).toEqual({
      search: [
        { __typename: 'Article', title: 'Paying on time' },
        { __typename: 'Invoice', id: null, total: null },
      ],
    });
    expect(codes(result.body)).toEqual([
      [['search', 1, 'id'], 'FORBIDDEN'],
      [['search', 1, 'total'], 'FORBIDDEN'],
    ]);
    // The union field itself is public: its answer is what says which member each item is.
    expect(result.calls).toEqual(['/search']);
  });

  it('keeps what the caller may read when a nullable protected field beside it is denied', async () => {
    const result = await run('{ customer(id: "1") { name notes } }', await bearer([]));
    expect(result.body.data).toEqual({ customer: { name: 'Ada', notes: null } });
    expect(codes(result.body)).toEqual([[['customer', 'notes'], 'FORBIDDEN']]);
    expect(result.calls).toEqual(['/customers/1']);
  });

  it('denies fields that return a protected scalar or enum before calling their upstream', async () => {
    const anonymous = await run('{ iban risk }');
    expect(anonymous.body.data).toEqual({ iban: null, risk: null });
    expect(codes(anonymous.body)).toEqual([
      [['iban'], 'UNAUTHENTICATED'],
      [['risk'], 'UNAUTHENTICATED'],
    ]);
    expect(anonymous.calls).toEqual([]);

    const riskTeam = await run('{ iban risk }', await bearer(['risk:read']));
    expect(riskTeam.body).toEqual({ data: { iban: 'DE89370400440532013000', risk: 'LOW' } });
  });
});
