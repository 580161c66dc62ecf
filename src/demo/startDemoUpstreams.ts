import { randomBytes } from 'node:crypto';
import { DEMO_CHAT_MODEL, DEMO_EMBEDDING_MODEL } from './assistant/registerAssistantRoutes';
import { startDemoAssistant } from './assistant/startDemoAssistant';
import type { DemoUpstream } from './DemoUpstream';
import { startDemoPayments } from './payments/startDemoPayments';
import { startDemoReviews } from './reviews/startDemoReviews';
import { ShopWebhooks } from './shop/ShopWebhooks';
import { startDemoShop } from './shop/startDemoShop';

export interface DemoUpstreams {
  /** Environment the demo schema reads: the given one, plus URLs of the demos started. */
  readonly env: Record<string, string | undefined>;
  readonly started: readonly DemoUpstream[];
  /** The embedded shop's outgoing webhooks; undefined when SHOP_URL points at another shop. */
  readonly shopWebhooks: ShopWebhooks | undefined;
  /** Points the embedded shop's webhooks at the gateway, once it listens at `gatewayUrl`. */
  deliverWebhooksTo(gatewayUrl: string): void;
  close(): Promise<void>;
}

/**
 * Starts an embedded demo upstream for each source whose URL is not set in the environment, and
 * returns the environment that points the sources at them. With every URL set, it starts nothing.
 */
export async function startDemoUpstreams(env: Readonly<Record<string, string | undefined>>): Promise<DemoUpstreams> {
  const out: Record<string, string | undefined> = { ...env };
  const started: DemoUpstream[] = [];
  // The demo schema declares the shop as a webhook source: a secret is made up when none is set.
  out['SHOP_WEBHOOK_SECRET'] = env['SHOP_WEBHOOK_SECRET'] || `whsec_${randomBytes(32).toString('base64')}`;
  let shopWebhooks: ShopWebhooks | undefined;
  if (!env['SHOP_URL']) {
    const apiKey = env['SHOP_API_KEY'] || randomBytes(16).toString('hex');
    shopWebhooks = new ShopWebhooks(out['SHOP_WEBHOOK_SECRET']);
    const shop = await startDemoShop({ apiKey, webhooks: shopWebhooks });
    started.push(shop);
    out['SHOP_URL'] = shop.url;
    out['SHOP_API_KEY'] = apiKey;
  }
  if (!env['PAYMENTS_URL']) {
    const payments = await startDemoPayments();
    started.push(payments);
    out['PAYMENTS_URL'] = payments.url;
  }
  if (!env['REVIEWS_URL']) {
    const reviews = await startDemoReviews();
    started.push(reviews);
    out['REVIEWS_URL'] = reviews.url;
  }
  if (!env['INFERENCE_URL']) {
    const apiKey = env['INFERENCE_API_KEY'] || randomBytes(16).toString('hex');
    const assistant = await startDemoAssistant({ apiKey });
    started.push(assistant);
    out['INFERENCE_URL'] = `${assistant.url}/v1`;
    out['INFERENCE_API_KEY'] = apiKey;
    out['INFERENCE_MODEL'] = DEMO_CHAT_MODEL;
    out['INFERENCE_EMBEDDING_MODEL'] = DEMO_EMBEDDING_MODEL;
  }
  return {
    env: out,
    started,
    shopWebhooks,
    deliverWebhooksTo: (gatewayUrl) => shopWebhooks?.deliverTo(`${gatewayUrl}/webhooks/shop`),
    close: async () => {
      await Promise.all(started.map((upstream) => upstream.close()));
    },
  };
}
