import { startDemoUpstream, type DemoUpstream } from '../DemoUpstream';
import { registerShopRoutes } from './registerShopRoutes';
import { createShopData } from './shopData';

/** Starts the demo shop REST upstream on a loopback port. */
export function startDemoShop(options: { apiKey?: string; port?: number } = {}): Promise<DemoUpstream> {
  return startDemoUpstream('shop', (app) => registerShopRoutes(app, createShopData(), options.apiKey), options.port);
}
