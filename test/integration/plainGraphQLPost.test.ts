import { request as httpRequest } from 'node:http';
import * as fastifyIntegration from '@as-integrations/fastify';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A plain JSON POST is answered straight through Apollo Server's integration API; the same request
 * with a chunked body (no Content-Length) goes through Fastify's route. Both must answer alike —
 * status, headers and body — for successes, denials, GraphQL errors and bodies that are refused.
 */
describe('plain GraphQL POSTs served without Fastify', () => {
  let gateway: TestGateway;
  let fastifyCalls = 0;
  const realHandler = fastifyIntegration.fastifyApolloHandler;

  beforeAll(async () => {
    // Counts the requests Fastify's Apollo route answers, to show which path each request took.
    jest.spyOn(fastifyIntegration, 'fastifyApolloHandler').mockImplementation((apollo, options) => {
      const handler = realHandler(apollo, options);
      return function (this: ThisParameterType<typeof handler>, ...args: Parameters<typeof handler>) {
        fastifyCalls += 1;
        return handler.apply(this, args);
      };
    });
    gateway = await startTestGateway({ configEnv: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => {
    await gateway.close();
    jest.restoreAllMocks();
  });

  /** POSTs a body with its length declared, or in two chunks (Transfer-Encoding: chunked). */
  const send = (body: string, headers: Record<string, string>, chunked: boolean): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const url = new URL('/graphql', gateway.url);
      const outgoing = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...headers,
            ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            // Fastify closes the connection after a body it refused; the direct path has read the
            // whole body by then and keeps it open. Connection management aside, answers match.
            const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = response.headers;
            resolve({ status: response.statusCode ?? 0, headers: rest, body: text });
          });
        },
      );
      outgoing.on('error', reject);
      if (chunked) {
        outgoing.write(body.slice(0, 3));
        outgoing.end(body.slice(3));
      } else {
        outgoing.end(body);
      }
    });

  /** The answer of each path, and which path answered. */
  const bothPaths = async (body: string, headers: Record<string, string> = {}) => {
    const before = fastifyCalls;
    const direct = await send(body, headers, false);
    const directUsedFastify = fastifyCalls > before;
    const viaFastify = await send(body, headers, true);
    return { direct, viaFastify, directUsedFastify };
  };

  it('answers a query the same on both paths, the plain one without Fastify', async () => {
    const token = await testToken('customer-1', ['orders:read']);
    const { direct, viaFastify, directUsedFastify } = await bothPaths(
      JSON.stringify({ query: '{ products { sku name } order(id: "1") { id } }' }),
      { authorization: `Bearer ${token}` },
    );
    expect(directUsedFastify).toBe(false);
    expect(direct.status).toBe(200);
    expect(JSON.parse(direct.body)).toMatchObject({ data: { products: expect.any(Array) } });
    expect(direct).toEqual(viaFastify);
    expect(direct.headers['vary']).toBe('Origin');
  });

  it.each([
    ['a denied field', JSON.stringify({ query: '{ order(id: "1") { id } }' }), {}],
    ['a document that does not validate', JSON.stringify({ query: '{ products { nope } }' }), {}],
    [
      'a document that does not validate, to a GraphQL-over-HTTP client',
      JSON.stringify({ query: '{ products { nope } }' }),
      { accept: 'application/graphql-response+json' },
    ],
    ['variables that do not coerce', JSON.stringify({ query: 'query ($id: ID!) { order(id: $id) { id } }', variables: { id: {} } }), {}],
    ['a batch (refused: batching is off)', JSON.stringify([{ query: '{ products { sku } }' }]), {}],
    ['a body that is not JSON', '{"query": ', {}],
    ['an empty body', '', {}],
    ['a body poisoning a prototype', '{"query":"{ products { sku } }","__proto__":{"polluted":true}}', {}],
    ['a token that does not verify', JSON.stringify({ query: '{ products { sku } }' }), { authorization: 'Bearer not.a.token' }],
  ])('answers %s the same on both paths', async (_what, body, headers: Record<string, string>) => {
    const { direct, viaFastify, directUsedFastify } = await bothPaths(body, headers);
    expect(directUsedFastify).toBe(false);
    expect(direct).toEqual(viaFastify);
    expect(direct.status).toBeGreaterThanOrEqual(200);
  });

  it('refuses bodies Fastify refuses, with its answers', async () => {
    const notJson = await send('{"query": ', {}, false);
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({
      errors: [{ message: "Body is not valid JSON but content-type is set to 'application/json'", extensions: { code: 'BAD_REQUEST' } }],
    });
    const poisoned = await send('{"__proto__":{"polluted":true}}', {}, false);
    expect(poisoned.status).toBe(400);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('leaves browsers and bodies over the limit to Fastify', async () => {
    const body = JSON.stringify({ query: '{ products { sku } }' });
    let before = fastifyCalls;
    const browser = await send(body, { origin: 'https://app.example' }, false);
    expect(browser.status).toBe(200);
    expect(fastifyCalls).toBe(before + 1);

    before = fastifyCalls;
    const large = await send(JSON.stringify({ query: `{ products { sku } } # ${'x'.repeat(5000)}` }), {}, false);
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    // Refused by Fastify's body limit before its route ran.
    expect(fastifyCalls).toBe(before);
  });
});
