import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

describe('the demo schema as a subgraph', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('answers _service { sdl }', async () => {
    const { body } = await gateway.query('{ _service { sdl } }');
    expect(body.errors).toBeUndefined();
    console.log((body.data?.['_service'] as { sdl: string }).sdl);
  });

  it('loads N products with one call', async () => {
    const shop = gateway.shop!;
    let response;
    const calls = await callsDuring(shop, async () => {
      response = await gateway.query(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name stock } ... on Customer { name } } }',
        { variables: { r: [{ __typename: 'Product', sku: 'SKU-1' }, { __typename: 'Product', sku: 'SKU-2' }, { __typename: 'Customer', id: '1' }] } },
      );
    });
    console.log(JSON.stringify(response), calls.map((c) => c.url));
  });
});
