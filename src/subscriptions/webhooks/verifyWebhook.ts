import { WebhookVerificationError, type Webhook } from 'standardwebhooks';
import type { WebhookEvent } from './WebhookSource';

export type WebhookVerdict =
  | { readonly accepted: true; readonly event: WebhookEvent }
  | { readonly accepted: false; readonly status: 400 | 401; readonly message: string };

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Checks one delivery the Standard Webhooks way (https://www.standardwebhooks.com/): an HMAC-SHA256
 * over `id.timestamp.body` with the source's secret, and a timestamp within five minutes of now
 * (the library's fixed tolerance, which bounds how long delivery ids must be remembered against
 * replays). The body must be the bytes as received: any re-serialisation breaks the signature.
 * Pure, apart from reading the clock.
 */
export function verifyWebhook(
  verifier: Webhook,
  rawBody: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): WebhookVerdict {
  const values: Record<string, string> = {};
  for (const name of HEADERS) {
    const value = headers[name];
    if (typeof value !== 'string' || value === '') return refuse(400, `the ${name} header is missing`);
    values[name] = value;
  }
  try {
    verifier.verify(rawBody, values, { jsonParse: false });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    // The library's messages name the failed check (signature, too old, too new) and nothing secret.
    return refuse(401, `the webhook signature was not accepted: ${error.message}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  if (payload === null || typeof payload !== 'object') return refuse(400, 'the body must be a JSON object');
  const { type, data } = payload as Record<string, unknown>;
  if (typeof type !== 'string' || type === '') return refuse(400, 'the body has no "type"');
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return refuse(400, 'the body\'s "data" must be an object');
  return { accepted: true, event: { id: values['webhook-id'] ?? '', type, data: data as Record<string, unknown> } };
}

function refuse(status: 400 | 401, message: string): WebhookVerdict {
  return { accepted: false, status, message };
}
