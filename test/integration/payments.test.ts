import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

describe('the demo payments service (SOAP) through the gateway', () => {
  let gateway: TestGateway;
  let agent: Record<string, string>;
  beforeAll(async () => {
    gateway = await startTestGateway();
    const token = await testToken('agent-7', ['orders:read', 'payments:read', 'payments:write']);
    agent = { authorization: `Bearer ${token}` };
  });
  afterAll(() => gateway.close());
  const payments = () => {
    const upstream = gateway.demo('payments');
    if (!upstream) throw new Error('demo payments service not started');
    return upstream;
  };
  const ask = (query: string) => gateway.query(query, { headers: agent });

  it("answers an order's payment with decoded types", async () => {
    const { body } = await ask('{ order(id: "1002") { id total { amount } payment { status amount { amount currency } paidAt method } } }');
    expect(body).toEqual({
      data: {
        order: {
          id: '1002',
          total: { amount: '293.00' },
          payment: { status: 'CAPTURED', amount: { amount: '293.00', currency: 'EUR' }, paidAt: '2024-08-02T10:15:00Z', method: 'CARD' },
        },
      },
    });
  });

  it('maps xsi:nil and absent optional elements to null', async () => {
    const { body } = await ask('{ order(id: "1001") { payment { status paidAt method } } }');
    expect(body).toEqual({ data: { order: { payment: { status: 'PENDING', paidAt: null, method: null } } } });
  });

  it('resolves the payments of 50 orders with exactly one SOAP call', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(payments(), async () => {
      result = await ask('{ orders(first: 50) { id payment { status } } }');
    });
    const orders = result.body.data?.['orders'] as { id: string; payment: { status: string } }[];
    expect(orders).toHaveLength(50);
    expect(orders.slice(0, 5).map((order) => order.payment.status)).toEqual(['PENDING', 'CAPTURED', 'CAPTURED', 'CAPTURED', 'REFUNDED']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers['soapaction']).toBe('"urn:tributary:demo:payments/GetPaymentStatuses"');
    expect(calls[0]?.headers['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('refunds once per mutation field, never sharing or repeating the call', async () => {
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(payments(), async () => {
      result = await ask(
        'mutation { a: refundPayment(orderId: "1003", amount: "5.00") { status amount { amount } } b: refundPayment(orderId: "1003", amount: "5.00") { status refundId } }',
      );
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({
      a: { status: 'ACCEPTED', amount: { amount: '5.00' } },
      b: { status: 'ACCEPTED', refundId: expect.stringMatching(/^R-1003-\d+$/) as unknown },
    });
    expect(calls).toHaveLength(2);
  });

  it("reports an unknown order's fault at its path, with the fault code, while the rest answers", async () => {
    const { body } = await ask('{ payment(orderId: "9999") { status } order(id: "1001") { id } }');
    expect(body.data).toEqual({ payment: null, order: { id: '1001' } });
    expect(body.errors).toEqual([
      {
        message: 'Upstream "payments" answered with a SOAP fault: Unknown order 9999',
        locations: [{ line: 1, column: 3 }],
        path: ['payment'],
        extensions: {
          faultCode: 'soap:Client.UnknownOrder',
          code: 'UPSTREAM_BAD_RESPONSE',
          source: 'payments',
          status: 500,
          retryable: false,
        },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('ledger-shard');
  });

  it('never calls the bank for a caller without payments:read', async () => {
    const token = await testToken('agent-8', ['orders:read']);
    let result!: Awaited<ReturnType<TestGateway['query']>>;
    const calls = await callsDuring(payments(), async () => {
      result = await gateway.query('{ order(id: "1002") { id payment { status } } }', { headers: { authorization: `Bearer ${token}` } });
    });
    expect(result.body.data).toEqual({ order: { id: '1002', payment: null } });
    expect(result.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(calls).toHaveLength(0);
  });

  it('counts the calls under source="payments" in /metrics', async () => {
    const before = await gateway.metric('tributary_upstream_requests_total', { source: 'payments', outcome: 'success' });
    await ask('{ orders(first: 3) { payment { status } } }');
    expect(await gateway.metric('tributary_upstream_requests_total', { source: 'payments', outcome: 'success' })).toBe(before + 1);
  });
});
