import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';

/** A shop upstream whose product list answers after `delayMs`, to keep requests in flight during a shutdown. */
export function startSlowShop(delayMs = 1000): Promise<DemoUpstream> {
  return startDemoUpstream('shop', (app) => {
    app.get('/products', async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return [{ sku: 'A-1', name: 'Slow product', description: '', price_minor: 100, currency: 'EUR' }];
    });
  });
}
