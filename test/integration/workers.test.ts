import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoUpstream } from '../../src/demo/DemoUpstream';
import { spawnMain, type MainProcess } from '../helpers/spawnMain';
import { startSlowShop } from '../helpers/startSlowShop';

/** One HTTP exchange on a connection of its own, so that the cluster primary hands each to the next worker. */
function send(url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: body === undefined ? 'GET' : 'POST',
        agent: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function query(endpoint: string, text: string): Promise<{ status: number; text: string }> {
  return send(endpoint, JSON.stringify({ query: text }));
}

/** The JSON log lines the gateway wrote so far. */
function logLines(main: MainProcess): Record<string, unknown>[] {
  return main
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Which worker wrote each audit line (one per GraphQL request). */
function auditWorkers(main: MainProcess): unknown[] {
  return logLines(main)
    .filter((line) => line['channel'] === 'audit')
    .map((line) => line['worker']);
}

/** The workers that reported listening, by cluster worker id. */
function listeningWorkers(main: MainProcess): Map<number, number> {
  const lines = logLines(main).filter((line) => line['msg'] === 'worker listening');
  return new Map(lines.map((line) => [line['worker'] as number, line['pid'] as number]));
}

/** Sum of a metric's samples whose labels include `labels`, from Prometheus text. */
function sample(metricsText: string, name: string, labels: string): number {
  return metricsText
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SERVING = /serving (http:\/\/\S+\/graphql)/;
/** The primary hands each new connection to the next worker: consecutive connections reach both. */
const IN_TURN = { CONNECTION_BALANCING: 'round-robin' };

describe('npm start with several workers (WORKERS)', () => {
  it('starts the demos once, serves from both workers, sums /metrics over them, and stops every worker on SIGTERM', async () => {
    const main = spawnMain({ PORT: '0', WORKERS: '2', LOG_LEVEL: 'info', ...IN_TURN });
    try {
      const [, endpoint] = await main.waitFor(SERVING, 30_000);
      const base = (endpoint as string).replace(/\/graphql$/, '');
      // The primary's log lines may reach stdout after the banner.
      await waitUntil(() => main.stdout().includes('"msg":"gateway ready"'), 'the gateway ready line');
      const pids = [...listeningWorkers(main).values()];
      expect(pids).toHaveLength(2);
      expect(logLines(main).filter((line) => line['msg'] === 'gateway ready')).toEqual([
        expect.objectContaining({ url: endpoint, workers: 2 }),
      ]);
      const demos = logLines(main).filter((line) => line['msg'] === 'demo upstream started');
      expect(demos.map((line) => line['source']).sort()).toEqual(['assistant', 'payments', 'reviews', 'shop']);

      // Unknown SKUs miss every cache, so each request makes exactly one shop call, whichever worker serves it.
      const requests = 8;
      for (let index = 0; index < requests; index += 1) {
        const answer = await query(endpoint as string, `{ product(sku: "NONE-${index}") { name } }`);
        expect(JSON.parse(answer.text)).toEqual({ data: { product: null } });
      }
      await waitUntil(() => auditWorkers(main).length === requests, `${requests} audit lines`);
      // Both workers answered on the URL printed, which PORT=0 picked: they share one port.
      expect(new Set(auditWorkers(main))).toEqual(new Set([1, 2]));

      // A worker's own registry holds only its share; every answer, from either worker, is the sum.
      for (let scrape = 0; scrape < 4; scrape += 1) {
        const metrics = await send(`${base}/metrics`);
        expect(metrics.status).toBe(200);
        expect(sample(metrics.text, 'tributary_upstream_requests_total', 'source="shop"')).toBe(requests);
        expect(sample(metrics.text, 'tributary_upstream_request_duration_seconds_count', 'source="shop"')).toBe(requests);
        // Counted in plain numbers per worker and added to the counter when the primary collects it.
        expect(sample(metrics.text, 'tributary_operations_total', 'outcome="success"')).toBe(requests);
        expect(sample(metrics.text, 'tributary_operation_duration_seconds_count', 'operation="__anonymous"')).toBe(requests);
      }

      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
      expect(main.stdout()).toContain('"msg":"stopped"');
      expect(pids.filter(isRunning)).toEqual([]);
      await expect(send(`${base}/healthz`)).rejects.toThrow();
      expect(main.stderr()).toBe('');
    } finally {
      main.child.kill('SIGKILL');
    }
  }, 50_000);

  describe('on SIGTERM, with requests in flight on both workers', () => {
    let slowShop: DemoUpstream;
    beforeAll(async () => {
      slowShop = await startSlowShop();
    });
    afterAll(() => slowShop.close());

    it('turns every worker unready, lets each finish its requests, and exits 0', async () => {
      const main = spawnMain({
        PORT: '0',
        WORKERS: '2',
        ...IN_TURN,
        LOG_LEVEL: 'info',
        SHOP_URL: slowShop.url,
        SHOP_API_KEY: 'k',
        SHUTDOWN_DELAY_MS: '400',
        SHUTDOWN_GRACE_MS: '5000',
      });
      try {
        const [, endpoint] = await main.waitFor(SERVING, 30_000);
        const base = (endpoint as string).replace(/\/graphql$/, '');
        const inFlight = [query(endpoint as string, '{ products { sku name } }'), query(endpoint as string, '{ products { sku name } }')];
        await new Promise((resolve) => setTimeout(resolve, 200));
        main.child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 100));
        const readiness = [await send(`${base}/readyz`), await send(`${base}/readyz`)];
        expect(readiness.map((answer) => answer.status)).toEqual([503, 503]);

        for (const answer of await Promise.all(inFlight)) {
          expect(answer.status).toBe(200);
          expect(JSON.parse(answer.text)).toEqual({ data: { products: [{ sku: 'A-1', name: 'Slow product' }] } });
        }
        expect(await main.exited()).toBe(0);
        expect(new Set(auditWorkers(main))).toEqual(new Set([1, 2]));
        await expect(send(`${base}/healthz`)).rejects.toThrow();
      } finally {
        main.child.kill('SIGKILL');
      }
    }, 50_000);
  });

  it('runs WORKERS=1 in a single process, without a cluster', async () => {
    const main = spawnMain({ PORT: '0', WORKERS: '1', LOG_LEVEL: 'info' });
    try {
      const [, endpoint] = await main.waitFor(SERVING, 30_000);
      const base = (endpoint as string).replace(/\/graphql$/, '');
      const answer = await query(endpoint as string, '{ product(sku: "NONE-1") { name } }');
      expect(JSON.parse(answer.text)).toEqual({ data: { product: null } });
      expect(sample((await send(`${base}/metrics`)).text, 'tributary_upstream_requests_total', 'source="shop"')).toBe(1);
      await waitUntil(() => auditWorkers(main).length === 1, 'the audit line');
      expect(auditWorkers(main)).toEqual([undefined]);
      expect(listeningWorkers(main).size).toBe(0);
      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
    } finally {
      main.child.kill('SIGKILL');
    }
  }, 30_000);

  it('refuses a bad schema once, for all workers, before listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-schema-'));
    try {
      writeFileSync(
        join(dir, 'broken.graphql'),
        `extend schema @source(name: "shop", rest: { baseURL: "{env.MISSING_URL}" })
         type Query { thing(id: ID!): String @rest(source: "shop", path: "/things/{args.nope}") }`,
      );
      const main = spawnMain({ PORT: '0', WORKERS: '2', SCHEMA_DIR: dir, SHOP_URL: 'http://127.0.0.1:9' });
      expect(await main.exited()).toBe(1);
      expect(main.stdout()).not.toContain('serving');
      expect(main.stderr().match(/The schema has 2 problems:/g)).toHaveLength(1);
      expect(main.stderr()).toContain('@source(shop) baseURL: environment variable MISSING_URL is not set');
      expect(main.stderr()).toContain('Query.thing: @rest path: {args.nope} names an argument the field does not have');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('replaces a worker that dies, and keeps serving', async () => {
    const main = spawnMain({ PORT: '0', WORKERS: '2', LOG_LEVEL: 'info', ...IN_TURN });
    try {
      const [, endpoint] = await main.waitFor(SERVING, 30_000);
      await waitUntil(() => listeningWorkers(main).size === 2, 'two workers listening');
      process.kill(listeningWorkers(main).get(1) as number, 'SIGKILL');
      await main.waitFor(/"signal":"SIGKILL","restartInMs":\d+,"msg":"worker exited unexpectedly; starting another"/);
      await main.waitFor(/"worker":3,"pid":\d+,"msg":"worker listening"/, 30_000);
      for (let index = 0; index < 4; index += 1) {
        const answer = await query(endpoint as string, '{ product(sku: "JKT-001") { name } }');
        expect(JSON.parse(answer.text)).toEqual({ data: { product: { name: 'Alpine Down Jacket' } } });
      }
      await waitUntil(() => auditWorkers(main).length === 4, '4 audit lines');
      expect(new Set(auditWorkers(main))).toEqual(new Set([2, 3]));
      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
    } finally {
      main.child.kill('SIGKILL');
    }
  }, 50_000);
});
