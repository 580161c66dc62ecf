import { Webhook } from 'standardwebhooks';
import { postWebhook, record, settle, sseClient } from '../helpers/subscriptionClients';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const STOCK = 'subscription { stockChanged(sku: "JKT-002") { sku available } }';
const event = (available: number) => ({ type: 'stock.changed', data: { sku: 'JKT-002', available, warehouse: 'A' } });

describe('signed webhooks at /webhooks/<source>', () => {
  let gateway: TestGateway;
  let secret: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    secret = gateway.env['SHOP_WEBHOOK_SECRET'] ?? '';
  });
  afterAll(() => gateway.close());

  /** Subscribes, runs `deliver`, and returns what the subscriber received meanwhile. */
  async function receivedDuring(deliver: () => Promise<unknown>): Promise<unknown[]> {
    const client = sseClient(gateway.url);
    const stock = record(client, STOCK);
    await settle();
    await deliver();
    await settle();
    stock.stop();
    client.dispose();
    return stock.results;
  }

  it('publishes a valid delivery and answers 202', async () => {
    let status = 0;
    const results = await receivedDuring(async () => ({ status } = await postWebhook(gateway.url, 'shop', event(7), { secret })));
    expect(status).toBe(202);
    expect(results).toEqual([{ data: { stockChanged: { sku: 'JKT-002', available: 7 } } }]);
    expect(await gateway.metric('tributary_webhook_deliveries_total', { source: 'shop', outcome: 'accepted' })).toBeGreaterThan(0);
  });

  it('answers an event whose value does not fit the schema with UPSTREAM_BAD_RESPONSE naming the webhook source', async () => {
    const misfit = { type: 'stock.changed', data: { sku: 'JKT-002', available: 'plenty', warehouse: 'A' } };
    const results = await receivedDuring(() => postWebhook(gateway.url, 'shop', misfit, { secret }));
    expect(results).toEqual([
      {
        data: { stockChanged: null },
        errors: [
          expect.objectContaining({
            path: ['stockChanged', 'available'],
            extensions: expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE', source: 'shop', retryable: false }),
          }),
        ],
      },
    ]);
  });

  it('refuses a delivery signed with another secret (401), which reaches no subscriber', async () => {
    const otherSecret = `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`;
    let answer: { status: number; body: unknown } | undefined;
    const results = await receivedDuring(async () => (answer = await postWebhook(gateway.url, 'shop', event(8), { secret: otherSecret })));
    expect(answer).toEqual(
      expect.objectContaining({ status: 401, body: { error: 'the webhook signature was not accepted: No matching signature found' } }),
    );
    expect(results).toEqual([]);
  });

  it('refuses a body changed after signing (401)', async () => {
    const id = 'msg_tampered';
    const timestamp = new Date();
    const signature = new Webhook(secret).sign(id, timestamp, JSON.stringify(event(1)));
    const results = await receivedDuring(async () => {
      const response = await fetch(`${gateway.url}/webhooks/shop`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: JSON.stringify(event(1000)),
      });
      expect(response.status).toBe(401);
    });
    expect(results).toEqual([]);
  });

  it('refuses a replayed delivery id (400), even within the timestamp tolerance', async () => {
    const first = await postWebhook(gateway.url, 'shop', event(9), { secret });
    expect(first.status).toBe(202);
    let replay: { status: number; body: unknown } | undefined;
    const results = await receivedDuring(async () => (replay = await postWebhook(gateway.url, 'shop', event(9), { secret, id: first.id })));
    expect(replay).toEqual(expect.objectContaining({ status: 400, body: { error: `delivery ${first.id} was already received` } }));
    expect(results).toEqual([]);
    expect(await gateway.metric('tributary_webhook_deliveries_total', { source: 'shop', outcome: 'replayed' })).toBe(1);
  });

  it('refuses a timestamp outside the five-minute tolerance (401)', async () => {
    const stale = await postWebhook(gateway.url, 'shop', event(10), { secret, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale).toEqual(
      expect.objectContaining({ status: 401, body: { error: 'the webhook signature was not accepted: Message timestamp too old' } }),
    );
    const future = await postWebhook(gateway.url, 'shop', event(10), { secret, timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.status).toBe(401);
  });

  it('refuses a delivery without the signature headers (400), an unknown source (404) and a signed body that is no event (400)', async () => {
    const unsigned = await fetch(`${gateway.url}/webhooks/shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ error: 'the webhook-id header is missing' });
    const unknown = await postWebhook(gateway.url, 'nobody', event(1), { secret });
    expect(unknown.status).toBe(404);
    const typeless = await postWebhook(gateway.url, 'shop', { type: '', data: {} }, { secret });
    expect(typeless).toEqual(expect.objectContaining({ status: 400, body: { error: 'the body has no "type"' } }));
  });
});
