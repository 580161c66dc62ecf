import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { startDemoPayments } from '../../src/demo/payments/startDemoPayments';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const ENVELOPE = (body: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const PAYMENT = (orderId: string) =>
  `<GetPaymentStatusResponse xmlns="urn:tributary:demo:payments"><payment><orderId>${orderId}</orderId><status>CAPTURED</status><amount>1.50</amount><currency>EUR</currency><paidAt xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></payment></GetPaymentStatusResponse>`;

/** What the hostile upstream answers, by the order id it is asked about. */
const ANSWERS: Record<string, { status: number; body: string }> = {
  ok: { status: 200, body: ENVELOPE(PAYMENT('ok')) },
  laughs: {
    status: 200,
    body: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${ENVELOPE(PAYMENT('&lol2;'))}`,
  },
  xxe: { status: 200, body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ENVELOPE(PAYMENT('&xxe;'))}` },
  truncated: { status: 200, body: ENVELOPE(PAYMENT('truncated')).slice(0, 150) },
  html: { status: 200, body: '<html><body>maintenance</body></html>' },
  text500: { status: 500, body: 'Internal error: stack trace at com.bank.Ledger' },
  big: { status: 200, body: ENVELOPE(PAYMENT('x'.repeat(5000))) },
  fault12: {
    status: 500,
    body:
      '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>' +
      '<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>m:UnknownOrder</env:Value></env:Subcode></env:Code>' +
      '<env:Reason><env:Text xml:lang="en">No such order</env:Text></env:Reason><env:Detail><secret>ledger-7</secret></env:Detail>' +
      '</env:Fault></env:Body></env:Envelope>',
  },
};

const typeDefs = (maxResponseBytes: number) => /* GraphQL */ `
  extend schema
    @source(name: "bank", soap: { wsdl: "schema/wsdl/payments.wsdl", endpoint: "{env.BANK_URL}" }, timeoutMs: 1000, maxResponseBytes: ${maxResponseBytes})
    @source(name: "secured", soap: { wsdl: "schema/wsdl/payments.wsdl", endpoint: "{env.SECURED_URL}", username: "{env.BANK_USER}", password: "{env.BANK_PASSWORD}" })
    @source(name: "wrongPassword", soap: { wsdl: "schema/wsdl/payments.wsdl", endpoint: "{env.SECURED_URL}", username: "{env.BANK_USER}", password: "nope" })
  type Payment { orderId: ID! status: String! amount: String paidAt: String }
  type Query {
    payment(orderId: ID!): Payment @soap(source: "bank", operation: "GetPaymentStatus", input: { orderId: "{args.orderId}" }, resultPath: "payment")
    securedPayment(orderId: ID!): Payment @soap(source: "secured", operation: "GetPaymentStatus", input: { orderId: "{args.orderId}" }, resultPath: "payment")
    refusedPayment(orderId: ID!): Payment @soap(source: "wrongPassword", operation: "GetPaymentStatus", input: { orderId: "{args.orderId}" }, resultPath: "payment")
  }
`;

describe('SOAP answers that must not be trusted', () => {
  let hostile: DemoUpstream;
  let secured: DemoUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    hostile = await startDemoUpstream('bank', (app) => {
      app.addContentTypeParser('text/xml', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      app.post('/soap', async (request, reply) => {
        const orderId = /<(?:\w+:)?orderId>([^<]*)</.exec(String(request.body))?.[1] ?? '';
        const answer = ANSWERS[orderId] ?? ANSWERS['ok'];
        return reply
          .code(answer?.status ?? 200)
          .type('text/xml; charset=utf-8')
          .send(answer?.body);
      });
    });
    secured = await startDemoPayments({ username: 'gateway', password: 'p&ss<word>' });
    gateway = await startTestGateway({
      typeDefs: [typeDefs(2000)],
      env: { BANK_URL: `${hostile.url}/soap`, SECURED_URL: secured.url, BANK_USER: 'gateway', BANK_PASSWORD: 'p&ss<word>' },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await hostile.close();
    await secured.close();
  });

  const errorOf = async (orderId: string) => {
    const { body } = await gateway.query(`{ payment(orderId: "${orderId}") { orderId status paidAt } }`);
    return { data: body.data, error: body.errors?.[0] };
  };

  it('decodes a well-formed answer', async () => {
    expect(await errorOf('ok')).toEqual({ data: { payment: { orderId: 'ok', status: 'CAPTURED', paidAt: null } }, error: undefined });
  });

  it.each(['laughs', 'xxe'])('refuses a DOCTYPE or entity declaration (%s) without expanding it', async (orderId) => {
    const { data, error } = await errorOf(orderId);
    expect(data).toEqual({ payment: null });
    expect(error?.extensions).toEqual({ code: 'UPSTREAM_BAD_RESPONSE', source: 'bank', status: 200, retryable: false });
    expect(error?.message).toBe('Upstream "bank" answered with unusable XML: XML with a DOCTYPE or entity declaration is refused');
    expect(JSON.stringify(data)).not.toContain('root:');
  });

  it('refuses a truncated envelope', async () => {
    const { error } = await errorOf('truncated');
    expect(error?.extensions?.['code']).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error?.message).toMatch(/^Upstream "bank" answered with unusable XML: XML is not well-formed/);
  });

  it('refuses an answer that is not a SOAP envelope', async () => {
    const { error } = await errorOf('html');
    expect(error?.message).toBe('Upstream "bank" answered with something other than a SOAP envelope');
  });

  it('treats a 500 without an envelope as unavailable, hiding its body', async () => {
    const { error } = await errorOf('text500');
    expect(error?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'bank', status: 500, retryable: true });
    expect(error?.message).not.toContain('stack trace');
  });

  it('refuses a body over maxResponseBytes', async () => {
    const { error } = await errorOf('big');
    expect(error?.message).toBe('Upstream "bank" sent a response larger than 2000 bytes');
  });

  it('reads a SOAP 1.2 fault: code and subcode, reason, never the detail', async () => {
    const { error } = await errorOf('fault12');
    expect(error?.message).toBe('Upstream "bank" answered with a SOAP fault: No such order');
    expect(error?.extensions).toEqual({
      faultCode: 'env:Sender/m:UnknownOrder',
      code: 'UPSTREAM_BAD_RESPONSE',
      source: 'bank',
      status: 500,
      retryable: false,
    });
    expect(JSON.stringify(error)).not.toContain('ledger-7');
  });

  it('sends a WS-Security UsernameToken that the service accepts', async () => {
    const before = secured.requests.length;
    const { body } = await gateway.query('{ securedPayment(orderId: "1002") { orderId status } }');
    expect(body).toEqual({ data: { securedPayment: { orderId: '1002', status: 'CAPTURED' } } });
    expect(secured.requests.length - before).toBe(1);
    const refused = await gateway.query('{ refusedPayment(orderId: "1002") { orderId } }');
    expect(refused.body.data).toEqual({ refusedPayment: null });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_BAD_RESPONSE');
    expect(JSON.stringify(refused.body)).not.toContain('nope');
  });
});
