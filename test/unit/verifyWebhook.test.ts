import { Webhook } from 'standardwebhooks';
import { verifyWebhook } from '../../src/subscriptions/webhooks/verifyWebhook';

const SECRET = `whsec_${Buffer.from('a-webhook-secret-of-32-bytes-ok!').toString('base64')}`;
const verifier = new Webhook(SECRET);

function signed(body: string, options: { id?: string; at?: Date; secret?: string } = {}) {
  const id = options.id ?? 'msg_1';
  const at = options.at ?? new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret ?? SECRET).sign(id, at, body),
  };
}

describe('verifyWebhook', () => {
  const body = JSON.stringify({ type: 'order.status_changed', data: { orderId: '1' } });

  it('accepts a delivery signed with the secret, and reads its id, type and data', () => {
    expect(verifyWebhook(verifier, body, signed(body, { id: 'msg_42' }))).toEqual({
      accepted: true,
      event: { id: 'msg_42', type: 'order.status_changed', data: { orderId: '1' } },
    });
  });

  it('accepts any of several signatures (a secret being rotated)', () => {
    const headers = signed(body);
    const other = `whsec_${Buffer.from('another-secret-of-thirty-two-byt').toString('base64')}`;
    const rotated = {
      ...headers,
      'webhook-signature': `${signed(body, { secret: other })['webhook-signature']} ${headers['webhook-signature']}`,
    };
    expect(verifyWebhook(verifier, body, rotated).accepted).toBe(true);
  });

  it('refuses another secret, a changed body and a stale timestamp with 401', () => {
    const other = `whsec_${Buffer.from('another-secret-of-thirty-two-byt').toString('base64')}`;
    expect(verifyWebhook(verifier, body, signed(body, { secret: other }))).toEqual({
      accepted: false,
      status: 401,
      message: 'the webhook signature was not accepted: No matching signature found',
    });
    expect(verifyWebhook(verifier, body.replace('"1"', '"2"'), signed(body))).toMatchObject({ accepted: false, status: 401 });
    const stale = new Date(Date.now() - 301_000);
    expect(verifyWebhook(verifier, body, signed(body, { at: stale }))).toEqual({
      accepted: false,
      status: 401,
      message: 'the webhook signature was not accepted: Message timestamp too old',
    });
  });

  it('refuses missing headers and bodies that are not events with 400', () => {
    const { 'webhook-signature': _dropped, ...unsigned } = signed(body);
    expect(verifyWebhook(verifier, body, unsigned)).toEqual({
      accepted: false,
      status: 400,
      message: 'the webhook-signature header is missing',
    });
    const list = '[1]';
    expect(verifyWebhook(verifier, list, signed(list))).toEqual({ accepted: false, status: 400, message: 'the body has no "type"' });
    const noData = JSON.stringify({ type: 'x', data: [1] });
    expect(verifyWebhook(verifier, noData, signed(noData))).toEqual({
      accepted: false,
      status: 400,
      message: 'the body\'s "data" must be an object',
    });
    expect(verifyWebhook(verifier, 'not json', signed('not json'))).toEqual({
      accepted: false,
      status: 400,
      message: 'the body is not JSON',
    });
  });
});
