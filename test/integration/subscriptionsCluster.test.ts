import { spawnMain } from '../helpers/spawnMain';
import { postWebhook, record, webSocketClient } from '../helpers/subscriptionClients';

const SERVING = /serving (http:\/\/\S+)\/graphql/;
const SECRET = `whsec_${Buffer.from('a-cluster-webhook-secret-32-byte').toString('base64')}`;

async function activeSubscriptions(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('tributary_subscriptions_active{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** The primary hands each new connection to the next worker: consecutive connections reach both. */
const IN_TURN = { CONNECTION_BALANCING: 'round-robin' };

describe('subscriptions with several workers and no Redis', () => {
  it('relays each webhook through the primary to the subscribers of every worker', async () => {
    const main = spawnMain({ PORT: '0', WORKERS: '2', SHOP_WEBHOOK_SECRET: SECRET, ...IN_TURN });
    const clients = [];
    try {
      const [, base = ''] = await main.waitFor(SERVING, 30_000);
      // Each client is a connection of its own, which the primary hands to the workers in turn.
      clients.push(...Array.from({ length: 4 }, () => webSocketClient(base)));
      const recordings = clients.map((client) => record(client, 'subscription { stockChanged(sku: "JKT-003") { available } }'));
      for (let waited = 0; (await activeSubscriptions(base)) < 4 && waited < 100; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await activeSubscriptions(base)).toBe(4);
      // Two deliveries, each on a connection of its own: one to each worker.
      for (const available of [11, 12]) {
        const delivered = await postWebhook(
          base,
          'shop',
          { type: 'stock.changed', data: { sku: 'JKT-003', available, warehouse: 'A' } },
          { secret: SECRET },
        );
        expect(delivered.status).toBe(202);
      }
      for (const recording of recordings) {
        const results = await recording.received(2);
        expect(results.map((result) => (result.data?.['stockChanged'] as { available: number }).available).sort()).toEqual([11, 12]);
        recording.stop();
      }
    } finally {
      await Promise.all(clients.map(async (client) => client.dispose()));
      main.child.kill('SIGTERM');
      await main.exited();
    }
  }, 60_000);

  it('refuses a delivery replayed to another worker than the one that accepted it', async () => {
    const main = spawnMain({ PORT: '0', WORKERS: '2', SHOP_WEBHOOK_SECRET: SECRET, ...IN_TURN });
    try {
      const [, base = ''] = await main.waitFor(SERVING, 30_000);
      const event = { type: 'stock.changed', data: { sku: 'JKT-003', available: 7, warehouse: 'A' } };
      const first = await postWebhook(base, 'shop', event, { secret: SECRET, ownConnection: true });
      expect(first.status).toBe(202);
      // Each replay on a connection of its own: the primary hands them to the workers in turn.
      const replays = [];
      for (let attempt = 0; attempt < 4; attempt++)
        replays.push(await postWebhook(base, 'shop', event, { secret: SECRET, id: first.id, ownConnection: true }));
      expect(replays.map((replay) => replay.status)).toEqual([400, 400, 400, 400]);
      // The replays reached both workers, and each refused it.
      const refusedBy = new Set(
        main
          .stdout()
          .split('\n')
          .filter((line) => line.includes('webhook replay refused'))
          .map((line) => (JSON.parse(line) as { worker: number }).worker),
      );
      expect(refusedBy.size).toBe(2);
    } finally {
      main.child.kill('SIGTERM');
      await main.exited();
    }
  }, 60_000);
});
