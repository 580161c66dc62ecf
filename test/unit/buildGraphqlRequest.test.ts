import { buildGraphqlCall, withUpstreamArguments, type GraphqlBatchPayload } from '../../src/connectors/graphql/buildGraphqlRequest';
import { graphqlCallShape } from '../../src/connectors/graphql/GraphqlCallShape';
import type { GraphqlFieldPlan } from '../../src/connectors/graphql/GraphqlFieldPlan';
import { RESILIENCE_DEFAULTS } from '../../src/schema/ResilienceSettings';
import { parseTemplate } from '../../src/templates/parseTemplate';
import {
  buildSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLNonNull,
  GraphQLString,
  isObjectType,
  Kind,
  parse,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';

const Sort = new GraphQLEnumType({ name: 'Sort', values: { BEST: {}, NEWEST: {} } });

const plan: GraphqlFieldPlan = {
  kind: 'graphql',
  coordinate: 'Product.reviews',
  source: {
    kind: 'graphql',
    name: 'reviews',
    url: 'https://reviews.example.com/graphql',
    headers: { 'x-api-key': 'k' },
    auth: undefined,
    timeoutMs: 2000,
    maxResponseBytes: 4096,
    maxBatchSize: 50,
    cacheMaxAgeSeconds: 0,
    resilience: RESILIENCE_DEFAULTS,
  },
  operation: 'query',
  upstreamField: 'reviews',
  args: [
    { name: 'sku', value: parseTemplate('{parent.sku}'), type: undefined },
    { name: 'sort', value: parseTemplate('{args.sort}'), type: Sort },
    { name: 'note', value: parseTemplate('{args.note}'), type: new GraphQLNonNull(GraphQLString) },
  ],
  idempotent: true,
  cache: undefined,
  localFields: new Set(),
};

const schema = buildSchema(`
  type Review { rating: Int! text(lang: String): String }
  type Product { sku: ID! reviews(sort: String, note: String): [Review!] }
  type Query { product: Product }
`);

function shapeOf(query: string) {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const product = operation.selectionSet.selections[0] as FieldNode;
  const reviews = product.selectionSet?.selections[0] as FieldNode;
  const productType = schema.getType('Product');
  const reviewsType = isObjectType(productType) ? productType.getFields()['reviews']?.type : undefined;
  if (reviewsType === undefined) throw new Error('Product.reviews is missing');
  const returnType = getNamedType(reviewsType);
  return graphqlCallShape(plan, { schema, fieldNodes: [reviews], fragments: {}, operation, returnType });
}

describe('buildGraphqlCall and withUpstreamArguments', () => {
  const shape = shapeOf('query($lang: String) { product { reviews { rating text(lang: $lang) } } }');

  it('plans one key per distinct argument set, the selection and variables telling which calls share a batch', () => {
    const first = buildGraphqlCall(plan, shape, { parent: { sku: 'A-1' }, args: { sort: 'BEST' } }, { lang: 'en' }, schema);
    const second = buildGraphqlCall(plan, shape, { parent: { sku: 'B-2' }, args: { sort: 'BEST' } }, { lang: 'en' }, schema);
    const otherLanguage = buildGraphqlCall(plan, shape, { parent: { sku: 'B-2' }, args: { sort: 'BEST' } }, { lang: 'de' }, schema);
    expect(first.batchKeys).toEqual(['["A-1","BEST",null]']);
    expect(second.request).toEqual(first.request);
    expect(otherLanguage.request.body).not.toBe(first.request.body);
  });

  it('builds one document with an aliased field per key: enums as enums, missing arguments left out, variables passed on', () => {
    const call = buildGraphqlCall(plan, shape, { parent: { sku: 'A-1' }, args: { sort: 'BEST' } }, { lang: 'en' }, schema);
    const request = withUpstreamArguments(call.request, plan, call.batchPayload as GraphqlBatchPayload, [
      '["A-1","BEST",null]',
      '["B \\"2\\"",null,"hi"]',
    ]);
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://reviews.example.com/graphql',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      idempotent: true,
      kind: 'graphql',
      route: 'query reviews',
    });
    const body = JSON.parse(request.body ?? '') as { query: string; variables: unknown };
    expect(body.variables).toEqual({ lang: 'en' });
    expect(body.query.replace(/\s+/g, ' ')).toBe(
      'query ($lang: String) { _0: reviews(sku: "A-1", sort: BEST) { rating text(lang: $lang) } _1: reviews(sku: "B \\"2\\"", note: "hi") { rating text(lang: $lang) } }',
    );
    expect(parse(body.query).definitions[0]?.kind).toBe(Kind.OPERATION_DEFINITION);
  });
});
