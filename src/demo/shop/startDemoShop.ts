import { startDemoUpstream, type DemoUpstream } from '../DemoUpstream';
import { registerShopRoutes } from './registerShopRoutes';
import { createShopData } from './shopData';
import type { ShopWebhooks } from './ShopWebhooks';

/** Starts the demo shop REST upstream on a loopback port; with `webhooks`, it announces order, payment and stock changes. */
export function startDemoShop(options: { apiKey?: string; port?: number; webhooks?: ShopWebhooks } = {}): Promise<DemoUpstream> {
  return startDemoUpstream('shop', (app) => registerShopRoutes(app, createShopData(), options.apiKey, options.webhooks), options.port);
}
