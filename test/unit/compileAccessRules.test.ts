import { createCacheStore } from '../../src/cache/createCacheStore';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import { loadTypeDefs } from '../../src/schema/loadTypeDefs';
import { SchemaCompileError } from '../../src/schema/SchemaProblem';
import { rejectionOf } from './thrownBy';

const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

const compile = (sdl: string) => compileSchema({ typeDefs: [sdl], env: {}, ...runtime });

/** What the served schema's descriptions say each field requires. */
async function requirementsOf(sdl: string, coordinates: readonly string[]): Promise<Record<string, string | undefined>> {
  const { schema } = await compile(sdl);
  return Object.fromEntries(
    coordinates.map((coordinate) => {
      const [typeName = '', fieldName = ''] = coordinate.split('.');
      const type = schema.getType(typeName) as { getFields(): Record<string, { description?: string | null }> };
      return [coordinate, /Requires: (.*)\.$/.exec(type.getFields()[fieldName]?.description ?? '')?.[1]];
    }),
  );
}

describe('access rules with Apollo Router semantics', () => {
  it("protects every field that returns a protected type, through lists and non-null, and the type's own fields", async () => {
    const sdl = `
      type Query { invoice: Invoice invoices: [Invoice!] open: String }
      type Invoice @requiresScopes(scopes: [["billing:read"]]) { id: ID! }
    `;
    expect(await requirementsOf(sdl, ['Query.invoice', 'Query.invoices', 'Query.open', 'Invoice.id'])).toEqual({
      'Query.invoice': 'scope billing:read',
      'Query.invoices': 'scope billing:read',
      'Query.open': undefined,
      'Invoice.id': 'scope billing:read',
    });
  });

  it('protects fields returning a protected interface, scalar or enum, and applies interface rules to every implementation', async () => {
    const sdl = `
      scalar Iban @authenticated
      enum RiskLevel @requiresScopes(scopes: [["risk:read"]]) { LOW HIGH }
      interface Account @authenticated { id: ID! balance: Int @requiresScopes(scopes: [["balance:read"]]) }
      type Savings implements Account { id: ID! balance: Int rate: Float }
      type Query { account: Account savings: Savings iban: Iban risk: [RiskLevel] }
    `;
    const required = await requirementsOf(sdl, [
      'Query.account',
      'Query.savings',
      'Query.iban',
      'Query.risk',
      'Savings.id',
      'Savings.balance',
      'Savings.rate',
    ]);
    expect(required).toEqual({
      'Query.account': 'an authenticated caller',
      // Savings itself carries no rule: a field returning it is public, its interface fields are not.
      'Query.savings': undefined,
      'Query.iban': 'an authenticated caller',
      'Query.risk': 'scope risk:read',
      'Savings.id': 'an authenticated caller',
      // (a scope implies a signed-in caller: the interface's @authenticated adds nothing to it)
      'Savings.balance': 'scope balance:read',
      'Savings.rate': undefined,
    });
  });

  it('refuses @allowSubject on a type, where it cannot be checked before the object is fetched', async () => {
    const error = await rejectionOf(() =>
      compile('type Query { me: Profile } type Profile @allowSubject(equals: "{parent.id}") { id: ID! }'),
    );
    expect(error).toBeInstanceOf(SchemaCompileError);
    expect((error as SchemaCompileError).problems).toEqual([
      { coordinate: 'Profile', message: expect.stringContaining('@allowSubject cannot be enforced on a type') },
    ]);
  });

  it('refuses the directives on a union, with its coordinate', async () => {
    const error = await rejectionOf(() =>
      compile('type A { a: String } type B { b: String } union U @requiresScopes(scopes: [["x"]]) = A | B type Query { u: U }'),
    );
    expect((error as SchemaCompileError).problems).toEqual([
      { coordinate: 'U', message: expect.stringContaining('cannot be declared on a union') },
    ]);
  });

  it('warns about a protected non-null field whose denial would take its parent down, but not about the fields of a protected type', async () => {
    const { warnings } = await compile(`
      type Query { customer: Customer }
      type Customer @authenticated { id: ID! orders: [String!]! @requiresScopes(scopes: [["orders:read"]]) notes: [String] @requiresScopes(scopes: [["notes:read"]]) }
    `);
    expect(warnings).toEqual([{ coordinate: 'Customer.orders', message: expect.stringContaining('make it nullable') }]);
  });

  it('gives the demo schema no protected non-null field', async () => {
    const { warnings } = await compileSchema({
      typeDefs: loadTypeDefs('schema'),
      env: {
        SHOP_URL: 'http://127.0.0.1:1',
        SHOP_API_KEY: 'k',
        SHOP_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        PAYMENTS_URL: 'http://127.0.0.1:1/soap',
        REVIEWS_URL: 'http://127.0.0.1:1/graphql',
        INFERENCE_URL: 'http://127.0.0.1:1/v1',
        INFERENCE_API_KEY: 'k',
        INFERENCE_MODEL: 'm',
        INFERENCE_EMBEDDING_MODEL: 'e',
      },
      ...runtime,
    });
    expect(warnings).toEqual([]);
  });
});
