import type { DemoUpstream } from '../../src/demo/DemoUpstream';
import { spawnMain } from '../helpers/spawnMain';
import { startSlowShop } from '../helpers/startSlowShop';

describe('graceful shutdown on SIGTERM', () => {
  let slowShop: DemoUpstream;
  beforeAll(async () => {
    slowShop = await startSlowShop();
  });
  afterAll(() => slowShop.close());

  it('turns unready at once, finishes in-flight requests, refuses new connections and exits 0', async () => {
    const main = spawnMain({ PORT: '0', SHOP_URL: slowShop.url, SHOP_API_KEY: 'k', SHUTDOWN_DELAY_MS: '400', SHUTDOWN_GRACE_MS: '5000' });
    try {
      const [, endpoint] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/);
      const base = (endpoint as string).replace(/\/graphql$/, '');
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      const inFlight = fetch(endpoint as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ products { sku name } }' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      main.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const readiness = await fetch(`${base}/readyz`);
      expect(readiness.status).toBe(503);

      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(await answered.json()).toEqual({ data: { products: [{ sku: 'A-1', name: 'Slow product' }] } });

      expect(await main.exited()).toBe(0);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      main.child.kill('SIGKILL');
    }
  });
});
