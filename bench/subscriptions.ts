/**
 * Subscription benchmark: SUBSCRIBERS graphql-ws clients (1,000 by default), each on its own
 * connection, subscribed to the demo's public `stockChanged(sku:)`; EVENTS signed webhooks posted
 * to `/webhooks/shop` (CONCURRENCY at a time). Prints the memory each idle subscription costs the
 * gateway (RSS and heap, from its /metrics), the events delivered per second to all subscribers,
 * and the p50/p99 latency from posting a webhook to a client receiving it.
 *
 *   npx tsx bench/subscriptions.ts        # SUBSCRIBERS=1000 EVENTS=200 CONCURRENCY=10 PORT=4400
 *
 * The gateway runs as `npm run dev` does (one process, WORKERS=1), on the same machine as the
 * clients: on a 2-core machine they compete for CPU, so figures are a floor, not a ceiling.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import WebSocket from 'ws';

const root = join(__dirname, '..');
const subscribers = Number(process.env['SUBSCRIBERS'] ?? 1000);
const events = Number(process.env['EVENTS'] ?? 200);
const concurrency = Number(process.env['CONCURRENCY'] ?? 10);
const port = Number(process.env['PORT'] ?? 4400);
const url = `http://127.0.0.1:${port}`;
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const SKU = 'JKT-001';

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function postEvent(signer: Webhook, index: number): Promise<void> {
  const id = `msg_bench_${index}`;
  const now = new Date();
  const body = JSON.stringify({ type: 'stock.changed', data: { sku: SKU, available: index, warehouse: 'bench' } });
  const response = await fetch(`${url}/webhooks/shop`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signer.sign(id, now, body),
    },
    body,
  });
  if (response.status !== 202) throw new Error(`webhook ${index} answered ${response.status}`);
}

async function main(): Promise<void> {
  const gateway = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      WORKERS: '1',
      LOG_LEVEL: 'warn',
      PLAYGROUND: 'false',
      SHOP_WEBHOOK_SECRET: secret,
      // Every client comes from one address, anonymously: the per-caller limits would refuse them.
      CONNECTIONS_PER_CALLER: String(subscribers + 10),
      SUBSCRIPTIONS_PER_CALLER: String(subscribers + 10),
      RATE_LIMIT_POINTS: '0',
    },
  });
  const clients: Client[] = [];
  try {
    await waitFor(async () => (await fetch(`${url}/readyz`)).ok, 'the gateway');
    const rssBefore = await metric('tributary_process_resident_memory_bytes');
    const heapBefore = await metric('tributary_nodejs_heap_size_used_bytes');

    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    let lastReceivedAt = 0;
    for (let index = 0; index < subscribers; index += 1) {
      const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      client.subscribe(
        { query: `subscription { stockChanged(sku: "${SKU}") { available } }` },
        {
          next: (result) => {
            const available = (result.data as { stockChanged?: { available?: number } } | null | undefined)?.stockChanged?.available;
            const start = available === undefined ? undefined : sentAt.get(available);
            if (start === undefined) return;
            lastReceivedAt = performance.now();
            latencies.push(lastReceivedAt - start);
          },
          error: (error) => console.error('subscriber failed', error),
          complete: () => undefined,
        },
      );
    }
    await waitFor(async () => (await metric('tributary_subscriptions_active')) >= subscribers, `${subscribers} subscriptions`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssIdle = await metric('tributary_process_resident_memory_bytes');
    const heapIdle = await metric('tributary_nodejs_heap_size_used_bytes');

    const signer = new Webhook(secret);
    const firstSentAt = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < events) {
          const index = next++;
          sentAt.set(index, performance.now());
          await postEvent(signer, index);
        }
      }),
    );
    const expected = subscribers * events;
    await waitFor(async () => latencies.length >= expected, `${expected} deliveries`, 120_000).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error, `(${latencies.length} arrived)`);
    });
    const seconds = (lastReceivedAt - firstSentAt) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const perSubscription = (after: number, before: number) => `${((after - before) / subscribers / 1024).toFixed(1)} KiB`;
    console.log(`subscribers: ${subscribers}, events: ${events}, webhooks in flight: ${concurrency}`);
    console.log(`memory per idle subscription: RSS ${perSubscription(rssIdle, rssBefore)}, heap ${perSubscription(heapIdle, heapBefore)}`);
    console.log(
      `delivered: ${latencies.length} of ${expected} in ${seconds.toFixed(2)} s = ${Math.round(latencies.length / seconds)} events/s`,
    );
    console.log(`webhook → client latency: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
  } finally {
    await Promise.all(
      clients.map(async (client) => {
        await client.dispose();
      }),
    );
    gateway.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
