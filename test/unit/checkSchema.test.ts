import { checkSchema } from '../../src/check/checkSchema';
import { schemaChanges } from '../../src/check/schemaChanges';

const check = (sdl: string, env: Record<string, string> = { API_URL: 'https://api.example.com' }) =>
  checkSchema({ typeDefs: [sdl], env, baseDir: process.cwd() });

describe('checkSchema', () => {
  it('reports every problem with its coordinate, and no warnings then', async () => {
    const report = await check(`
      extend schema @source(name: "api", rest: { baseURL: "{env.API_URL}" })
      type Query { a: String @rest(source: "nope", path: "/a") b: String @rest(source: "api", path: "/b/{args.missing}") }
    `);
    expect(report.errors.map((problem) => problem.coordinate).sort()).toEqual(['Query.a', 'Query.b']);
    expect(report.warnings).toEqual([]);
  });

  it('reports a document that does not parse as an error', async () => {
    const report = await check('type Query { a: String');
    expect(report.errors).toEqual([{ coordinate: 'schema', message: expect.stringContaining('Syntax Error') }]);
  });

  it('warns about per-parent calls under a list, unused sources, unset variables, protected non-null fields and conflicting cache hints', async () => {
    const report = await check(
      `
      extend schema
        @source(name: "api", rest: { baseURL: "{env.API_URL}" })
        @source(name: "crm", rest: { baseURL: "{env.CRM_URL}" })
        @source(name: "spare", rest: { baseURL: "https://spare.example.com" })
      type Query {
        orders: [Order] @rest(source: "api", path: "/orders")
        customer(id: ID!): Customer @rest(source: "crm", path: "/customers/{args.id}")
      }
      type Order {
        id: ID!
        lines: [String] @rest(source: "api", path: "/orders/{parent.id}/lines")
        customer: Customer @rest(source: "crm", path: "/customers", query: { id: "{parent.customerId}" }, batchKey: "id")
        terms: String @rest(source: "api", path: "/terms")
      }
      type Customer @authenticated {
        id: ID!
        secrets: [String!]! @requiresScopes(scopes: [["secrets:read"]]) @cacheControl(scope: PUBLIC, maxAge: 5)
        history: [String] @cacheControl(maxAge: 10, inheritMaxAge: true)
      }
    `,
      { API_URL: 'https://api.example.com' },
    );
    expect(report.errors).toEqual([]);
    const warnings = Object.fromEntries(report.warnings.map((warning) => [warning.coordinate, warning.message]));
    expect(Object.keys(warnings).sort()).toEqual([
      '@source(spare)',
      'Customer.history',
      'Customer.secrets',
      'Order.lines',
      '{env.CRM_URL}',
    ]);
    expect(warnings['Order.lines']).toMatch(/N items make N upstream calls/);
    expect(warnings['{env.CRM_URL}']).toMatch(/not set/);
    expect(report.warnings.filter((warning) => warning.coordinate === 'Customer.secrets').map((warning) => warning.message)).toEqual([
      expect.stringMatching(/make it nullable/),
      expect.stringMatching(/scope: PUBLIC\) on a protected field/),
    ]);
  });
});

describe('schemaChanges', () => {
  const before = `
    type Query { orders(first: Int): [Order] legacy: String }
    type Order { id: ID! status: Status }
    enum Status { PLACED PAID }
  `;
  it('classes removed and retyped fields as breaking, new enum values and arguments as dangerous, new fields as safe', async () => {
    const after = `
      type Query { orders(first: Int, status: Status): [Order] }
      type Order { id: ID status: Status note: String }
      enum Status { PLACED PAID SHIPPED }
    `;
    const changes = await schemaChanges([before], [after]);
    const levelOf = (coordinate: string) => changes.filter((change) => change.coordinate === coordinate).map((change) => change.level);
    expect(levelOf('Query.legacy')).toEqual(['breaking']);
    expect(levelOf('Order.id')).toEqual(['breaking']);
    expect(levelOf('Status.SHIPPED')).toEqual(['dangerous']);
    expect(levelOf('Order.note')).toEqual(['safe']);
    // A new optional argument may change what the field answers: GraphQL Inspector calls it dangerous.
    expect(levelOf('Query.orders.status')).toEqual(['dangerous']);
  });

  it('finds nothing between a schema and itself', async () => {
    expect(await schemaChanges([before], [before])).toEqual([]);
  });
});
