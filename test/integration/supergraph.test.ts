import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { callsDuring } from '../helpers/callCounter';
import { startReviewsSubgraph, reviewsTypeDefs, type ReviewsSubgraph } from '../helpers/startReviewsSubgraph';
import { startTestGateway, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

/**
 * The demo schema joins a supergraph: composed by Apollo's composition library with a second
 * subgraph written here (product ratings), and served by Apollo Gateway over both, on loopback.
 */
describe('Tributary as a subgraph of an Apollo supergraph', () => {
  let shop: TestGateway;
  let reviews: ReviewsSubgraph;
  let server: ApolloServer<{ authorization?: string | undefined }>;
  let supergraphURL: string;

  beforeAll(async () => {
    shop = await startTestGateway();
    reviews = await startReviewsSubgraph();
    const { body } = await shop.query('{ _service { sdl } }');
    const sdl = (body.data?.['_service'] as { sdl: string }).sdl;
    const composed = composeServices([
      { name: 'shop', url: `${shop.url}/graphql`, typeDefs: parse(sdl) },
      { name: 'ratings', url: reviews.url, typeDefs: reviewsTypeDefs },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
    const gateway = new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<{ authorization?: string | undefined }>({
          url,
          // The caller's token goes on to every subgraph: each decides what the caller may read.
          willSendRequest({ request, context }) {
            const authorization: unknown = context.authorization;
            if (typeof authorization === 'string') request.http?.headers.set('authorization', authorization);
          },
        }),
    });
    server = new ApolloServer({ gateway });
    ({ url: supergraphURL } = await startStandaloneServer(server, {
      listen: { host: '127.0.0.1', port: 0 },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    }));
  });
  afterAll(async () => {
    await server?.stop();
    await reviews?.close();
    await shop?.close();
  });

  async function query(text: string, token?: string): Promise<GraphQLResponse> {
    const response = await fetch(supergraphURL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: text }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  it('extends our products with the other subgraph’s ratings', async () => {
    let result: GraphQLResponse | undefined;
    const calls = await callsDuring(shop.shop!, async () => {
      result = await query('{ products { sku name ratings { rating text } } }');
    });
    expect(result?.errors).toBeUndefined();
    const products = result?.data?.['products'] as { sku: string; name: string; ratings: { rating: number }[] }[];
    expect(products).toHaveLength(12);
    expect(products.find((product) => product.sku === 'JKT-001')?.ratings.map((rating) => rating.rating)).toEqual([5, 3]);
    expect(products.find((product) => product.sku === 'HAT-001')?.ratings).toEqual([]);
    expect(calls.map((call) => call.url)).toEqual(['/products']);
  });

  it('loads N products referenced by the other subgraph with one shop call (and one inventory call)', async () => {
    let result: GraphQLResponse | undefined;
    const calls = await callsDuring(shop.shop!, async () => {
      result = await query('{ latestRatings { id paid { amount } product { sku name stock price { amount currency } } } }');
    });
    expect(result?.errors).toBeUndefined();
    const latest = result?.data?.['latestRatings'] as { id: string; product: { sku: string; name: string; stock: number | null } }[];
    expect(latest.map((review) => review.product.sku)).toEqual(['JKT-001', 'SWT-001', 'JKT-001', 'BOT-001']);
    // Money is a value type both subgraphs resolve (@shareable in each).
    expect((result?.data?.['latestRatings'] as { paid: { amount: string } }[])[0]?.paid.amount).toBe('50.00');
    expect(latest.every((review) => review.product.name.length > 0 && typeof review.product.stock === 'number')).toBe(true);
    const paths = calls.map((call) => call.url).sort();
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/^\/inventory\?/);
    expect(new URL(`http://shop${paths[1] ?? ''}`).searchParams.getAll('sku').sort()).toEqual(['BOT-001', 'JKT-001', 'SWT-001']);
  });

  it('sends our fields the other subgraph @requires', async () => {
    const before = reviews.entityCalls.length;
    const result = await query('{ products { sku headline } }');
    expect(result.errors).toBeUndefined();
    const products = result.data?.['products'] as { sku: string; headline: string }[];
    expect(products.find((product) => product.sku === 'JKT-001')?.headline).toMatch(/^.+ \(JKT-001\)$/);
    const [representations] = reviews.entityCalls.slice(before);
    expect(representations).toContainEqual(expect.objectContaining({ __typename: 'Product', sku: 'JKT-001', name: expect.any(String) }));
  });

  it('applies our authorization to entities: a customer needs a signed-in caller', async () => {
    let result: GraphQLResponse | undefined;
    const calls = await callsDuring(shop.shop!, async () => {
      result = await query('{ latestRatings { id author { id name loyaltyPoints } } }');
    });
    expect(calls).toEqual([]);
    expect(result?.errors?.length).toBeGreaterThan(0);
    expect(result?.errors?.every((error) => error.extensions?.['code'] === 'UNAUTHENTICATED')).toBe(true);
  });

  it('loads N customers with one call for staff, and denies a field through _entities that the token lacks', async () => {
    const token = await testToken('agent-7', ['customers:read']);
    let result: GraphQLResponse | undefined;
    const calls = await callsDuring(shop.shop!, async () => {
      result = await query('{ latestRatings { id author { id name loyaltyPoints orders { id } } } }', token);
    });
    const latest = result?.data?.['latestRatings'] as { author: { id: string; name: string; loyaltyPoints: number; orders: unknown } }[];
    expect(latest.map((review) => [review.author.id, review.author.loyaltyPoints])).toEqual([
      ['1', 100],
      ['2', 200],
      ['3', 300],
      ['2', 200],
    ]);
    expect(latest.every((review) => review.author.name.length > 0 && review.author.orders === null)).toBe(true);
    expect(result?.errors?.length).toBeGreaterThan(0);
    expect(result?.errors?.every((error) => error.extensions?.['code'] === 'FORBIDDEN')).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toMatch(/^\/customers\?/);
    expect(new URL(`http://shop${calls[0]?.url ?? ''}`).searchParams.getAll('id').sort()).toEqual(['1', '2', '3']);
  });
});
