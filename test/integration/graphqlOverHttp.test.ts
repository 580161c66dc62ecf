import { auditServer } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

/** Conformance with the GraphQL over HTTP specification, checked by the graphql-http audit and by hand. */
describe('GraphQL over HTTP', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ configEnv: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => gateway.close());

  const post = (body: string, accept: string) =>
    fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });

  it('passes the graphql-http audit with no error and no warning', async () => {
    const results = await auditServer({ url: `${gateway.url}/graphql` });
    const failures = results
      .filter((result) => result.status === 'error' || result.status === 'warn')
      .map((result) => `${result.id} ${result.name}`);
    expect(failures).toEqual([]);
    // What remains are notices about GET requests, which CSRF prevention refuses without a preflight header.
    const notices = results.filter((result) => result.status === 'notice');
    expect(notices.every((result) => result.name.includes('GET'))).toBe(true);
    expect(results.length).toBeGreaterThan(50);
  });

  it.each([
    ['a document that does not parse', JSON.stringify({ query: '{ products { sku ' }), 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', JSON.stringify({ query: '{ products { nope } }' }), 'GRAPHQL_VALIDATION_FAILED'],
    [
      'variables that do not coerce',
      JSON.stringify({ query: 'query ($id: ID!) { product(sku: $id) { sku } }', variables: { id: { not: 'an id' } } }),
      'BAD_USER_INPUT',
    ],
  ])('answers %s with 200 to application/json and 400 to application/graphql-response+json', async (_what, body, code) => {
    const legacy = await post(body, 'application/json');
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await legacy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(code);

    const modern = await post(body, 'application/graphql-response+json');
    expect(modern.status).toBe(400);
    expect(modern.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(((await modern.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(code);
  });

  it('answers a body over the limit with 413 and a GraphQL error', async () => {
    const response = await post(JSON.stringify({ query: `{ products { sku } } # ${'x'.repeat(5000)}` }), 'application/json');
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a body that is not JSON with 400 and a GraphQL error', async () => {
    const response = await post('{"query": ', 'application/json');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });
});
