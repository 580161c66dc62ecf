import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

/**
 * An upstream value that does not fit its declared type is the upstream's fault: each answers
 * UPSTREAM_BAD_RESPONSE with the source and the field's path, and everything else still answers.
 */
const SDL = `
  extend schema @source(name: "legacy", rest: { baseURL: "{env.LEGACY_URL}" })
  type Query {
    record: Record @rest(source: "legacy", path: "/record")
    records: [Record] @rest(source: "legacy", path: "/records")
    thing: Thing @rest(source: "legacy", path: "/thing")
    local: Int
  }
  type Mutation { touch: Record @rest(source: "legacy", method: POST, path: "/touch") }
  enum Level { LOW HIGH }
  type Record {
    id: Int!
    count: Int
    name: String
    level: Level
    tags: [String]
    owner: Owner
  }
  type Owner { id: ID! label: String @map(from: "display") }
  interface Thing { id: Int! }
  type Widget implements Thing { id: Int! size: Int }
`;

const BAD = {
  id: 2147483648,
  count: '12 apples',
  name: { first: 'Ada' },
  level: 'MEDIUM',
  tags: 'not a list',
  owner: { id: null, display: 'Ada' },
};

describe('upstream values that do not fit their declared type', () => {
  let legacy: DemoUpstream;
  let gateway: TestGateway;
  beforeAll(async () => {
    legacy = await startDemoUpstream('legacy', (app) => {
      app.get('/record', async () => BAD);
      app.get('/records', async () => [{ id: 1, count: 2, name: 'fine', level: 'LOW', tags: [], owner: { id: 'o1', display: 'Ok' } }, BAD]);
      app.get('/thing', async () => ({ __typename: 'Widget', id: 3, size: 'large' }));
      app.post('/touch', async () => ({ id: 7, count: 1.5 }));
    });
    gateway = await startTestGateway({
      typeDefs: [SDL],
      env: { LEGACY_URL: legacy.url },
      resolvers: { Query: { local: () => 'not a number' } },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await legacy.close();
  });

  const byPath = (body: GraphQLResponse) =>
    Object.fromEntries((body.errors ?? []).map((error) => [(error.path ?? []).join('.'), error.extensions]));
  const badResponse = { code: 'UPSTREAM_BAD_RESPONSE', source: 'legacy', retryable: false };

  it('names the source and the path of every misfit, and answers the rest', async () => {
    const { status, body } = await gateway.query('{ record { count name level tags owner { id label } } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ record: { count: null, name: null, level: null, tags: null, owner: null } });
    expect(byPath(body)).toEqual({
      'record.count': badResponse,
      'record.name': badResponse,
      'record.level': badResponse,
      'record.tags': badResponse,
      'record.owner.id': badResponse,
    });
    expect(body.errors?.[0]?.message).toMatch(
      /^Upstream "legacy" sent a value that does not fit the schema: Int cannot represent non-integer value/,
    );
  });

  it('reports a non-null misfit where the null lands, and keeps the other items of a list', async () => {
    const { body } = await gateway.query('{ records { id name } }');
    expect(body.data).toEqual({ records: [{ id: 1, name: 'fine' }, null] });
    expect(byPath(body)).toEqual({ 'records.1.id': badResponse });
  });

  it('does so through interfaces and mutations too', async () => {
    const thing = await gateway.query('{ thing { id ... on Widget { size } } }');
    expect(thing.body.data).toEqual({ thing: { id: 3, size: null } });
    expect(byPath(thing.body)).toEqual({ 'thing.size': badResponse });

    const touched = await gateway.query('mutation { touch { id count } }');
    expect(touched.body.data).toEqual({ touch: { id: 7, count: null } });
    expect(byPath(touched.body)).toEqual({ 'touch.count': badResponse });
  });

  it("leaves a hand-written resolver's misfit an internal error: no upstream sent it", async () => {
    const { body } = await gateway.query('{ local }');
    expect(body.data).toEqual({ local: null });
    expect(byPath(body)['local']).toEqual(expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }));
  });
});

describe('SOAP values that do not fit their declared type', () => {
  const ENVELOPE = (body: string) =>
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
  let bank: DemoUpstream;
  let gateway: TestGateway;
  beforeAll(async () => {
    bank = await startDemoUpstream('bank', (app) => {
      app.addContentTypeParser('text/xml', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      app.post('/soap', async (_request, reply) =>
        reply
          .type('text/xml')
          .send(
            ENVELOPE(
              '<GetPaymentStatusResponse xmlns="urn:tributary:demo:payments"><payment><orderId>1001</orderId><status>ON_HOLD</status><amount>1.50</amount><currency>EUR</currency></payment></GetPaymentStatusResponse>',
            ),
          ),
      );
    });
    gateway = await startTestGateway({
      typeDefs: [
        `extend schema @source(name: "bank", soap: { wsdl: "schema/wsdl/payments.wsdl", endpoint: "{env.BANK_URL}" })
         enum PaymentStatus { PENDING CAPTURED }
         type Payment { orderId: ID! status: PaymentStatus amount: Int currency: String }
         type Query { payment(orderId: ID!): Payment @soap(source: "bank", operation: "GetPaymentStatus", input: { orderId: "{args.orderId}" }, resultPath: "payment") }`,
      ],
      env: { BANK_URL: `${bank.url}/soap` },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await bank.close();
  });

  it('answers UPSTREAM_BAD_RESPONSE naming the SOAP source, and the rest of the payment', async () => {
    const { body } = await gateway.query('{ payment(orderId: "1001") { orderId status amount currency } }');
    expect(body.data).toEqual({ payment: { orderId: '1001', status: null, amount: null, currency: 'EUR' } });
    const byPath = Object.fromEntries((body.errors ?? []).map((error) => [(error.path ?? []).join('.'), error.extensions]));
    expect(byPath).toEqual({
      'payment.status': { code: 'UPSTREAM_BAD_RESPONSE', source: 'bank', retryable: false },
      'payment.amount': { code: 'UPSTREAM_BAD_RESPONSE', source: 'bank', retryable: false },
    });
  });
});
