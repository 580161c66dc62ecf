import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

describe('the demo reviews service (a GraphQL upstream)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const reviewCalls = () => gateway.demo('reviews')?.requests.length ?? 0;

  it('answers every product reviews with exactly one reviews call', async () => {
    const before = reviewCalls();
    const { body } = await gateway.query('{ products { sku reviews { rating text author } } }');
    expect(body.errors).toBeUndefined();
    const products = body.data?.['products'] as { sku: string; reviews: { rating: number; text: string; author: string }[] }[];
    expect(products).toHaveLength(12);
    expect(products[0]?.reviews[0]).toEqual({
      rating: expect.any(Number),
      text: expect.any(String),
      author: expect.stringMatching(/^Customer /),
    });
    expect(products[11]?.reviews).toEqual([]);
    expect(reviewCalls() - before).toBe(1);
  });
});
