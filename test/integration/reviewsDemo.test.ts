import { PERSONAS } from '../../src/auth/personas';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

describe('the demo reviews service (a GraphQL upstream)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const reviewCalls = () => gateway.demo('reviews')?.requests.length ?? 0;
  const bearer = async (subject: string, scopes: readonly string[] = []) => ({
    authorization: `Bearer ${await testToken(subject, scopes)}`,
  });

  it('answers every product’s reviews with exactly one reviews call', async () => {
    const before = reviewCalls();
    const { body } = await gateway.query('{ products { sku reviews { rating text author } } }');
    expect(body.errors).toBeUndefined();
    const products = body.data?.['products'] as { sku: string; reviews: { rating: number; text: string; author: string }[] }[];
    expect(products).toHaveLength(12);
    expect(products[0]).toEqual({
      sku: 'JKT-001',
      reviews: [{ rating: 5, text: 'Exactly as described, would buy again.', author: 'Customer 1' }],
    });
    expect(products[1]?.reviews.map((review) => review.rating)).toEqual([3, 1]);
    expect(products[11]?.reviews).toEqual([]);
    expect(reviewCalls() - before).toBe(1);
  });

  it('passes the field’s own argument on to the service', async () => {
    const { body } = await gateway.query('query($n: Int) { product(sku: "SWT-001") { reviews(first: $n) { rating } } }', {
      variables: { n: 1 },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ product: { reviews: [{ rating: 5 }] } });
  });

  it('shows a customer the reviews they wrote, and support staff anyone’s', async () => {
    const customer = PERSONAS.find((persona) => persona.name === 'customer');
    const agent = PERSONAS.find((persona) => persona.name === 'support agent');
    const own = await gateway.query('{ me { id reviews { author rating } } }', {
      headers: await bearer(customer?.subject ?? '', customer?.scopes),
    });
    expect(own.body.errors).toBeUndefined();
    const mine = (own.body.data?.['me'] as { reviews: { author: string }[] }).reviews;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((review) => review.author === 'Customer 1')).toBe(true);

    const staff = await gateway.query('{ customer(id: "2") { reviews { author } } }', {
      headers: await bearer(agent?.subject ?? '', agent?.scopes),
    });
    expect(staff.body.errors).toBeUndefined();
    expect(staff.body.data).toEqual({ customer: { reviews: [{ author: 'Customer 2' }] } });
  });

  it('refuses a customer another customer’s reviews, without calling the service', async () => {
    const before = reviewCalls();
    const { body } = await gateway.query('{ customer(id: "1") { reviews { text } } }', {
      headers: await bearer('2'),
    });
    expect(body.data).toEqual({ customer: null });
    expect(body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(reviewCalls()).toBe(before);
  });
});
