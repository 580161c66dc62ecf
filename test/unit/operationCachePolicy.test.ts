import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { operationCachePolicy } from '../../src/execution/plan/operationCachePolicy';

const schema = buildSchema(`
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  type Query {
    products: [Product] @cacheControl(maxAge: 60)
    product: Product @cacheControl(maxAge: 120)
    me: Customer @cacheControl(maxAge: 30)
    unhinted: Product
    greeting: String
    inherited: Wrapper @cacheControl(maxAge: 90)
  }
  type Mutation { touch: Product @cacheControl(maxAge: 60) }
  type Product @cacheControl(maxAge: 300) { sku: String stock: Int @cacheControl(maxAge: 10) secret: String }
  type Customer { name: String }
  type Wrapper { item: Product @cacheControl(inheritMaxAge: true) label: String }
`);

function policyOf(source: string, protectedFields: readonly string[] = []) {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return operationCachePolicy(schema, operation, fragments, (type, field) => protectedFields.includes(`${type}.${field}`));
}

describe('operationCachePolicy', () => {
  it('takes the smallest maxAge of the fields reached, public by default', () => {
    expect(policyOf('{ products { sku } }')).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(policyOf('{ products { sku stock } }')).toEqual({ maxAge: 10, scope: 'PUBLIC' });
  });

  it('gives a root field or a composite field without a hint of its own or of its type maxAge 0', () => {
    expect(policyOf('{ greeting }')).toEqual({ maxAge: 0, scope: 'PUBLIC' });
    expect(policyOf('{ me { name } }')).toEqual({ maxAge: 30, scope: 'PUBLIC' });
    expect(policyOf('{ unhinted { sku } }')).toEqual({ maxAge: 300, scope: 'PUBLIC' });
  });

  it("lets a field with inheritMaxAge take its parent's maxAge", () => {
    expect(policyOf('{ inherited { label item { sku } } }')).toEqual({ maxAge: 90, scope: 'PUBLIC' });
  });

  it('counts fields inside fragments and inline fragments, and under @skip', () => {
    expect(policyOf('{ ...Q } fragment Q on Query { products { ... on Product { stock } } }')).toEqual({ maxAge: 10, scope: 'PUBLIC' });
    expect(policyOf('{ products { sku stock @skip(if: true) } }')).toEqual({ maxAge: 10, scope: 'PUBLIC' });
  });

  it('makes a response that reaches a protected field private', () => {
    expect(policyOf('{ products { sku secret } }', ['Product.secret'])).toEqual({ maxAge: 60, scope: 'PRIVATE' });
    expect(policyOf('{ products { sku } }', ['Product.secret'])).toEqual({ maxAge: 60, scope: 'PUBLIC' });
  });

  it('never lets a mutation be cached', () => {
    expect(policyOf('mutation { touch { sku } }').maxAge).toBe(0);
  });
});
