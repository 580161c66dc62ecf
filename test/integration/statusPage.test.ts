import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { readStatus } from '../../src/status/readStatus';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const describeInBrowser = existsSync(CHROMIUM) || process.env['CI'] === 'true' ? describe : describe.skip;

describeInBrowser('the status page, in Chromium', () => {
  let gateway: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser.close();
    await gateway.close();
  });

  it("shows each source with its circuit, rates and latencies, and draws live charts from the server's own script", async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(gateway.url)) external.push(request.url());
    });
    const response = await page.goto(`${gateway.url}/status`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Traffic while the page polls: the shop is called, so its row gets a rate and latencies.
    for (let i = 0; i < 5; i += 1) await gateway.query('{ product(sku: "JKT-001") { name } orderStatus(id: "1001") }');
    const shopRow = page.locator('#sources tr[data-source="shop"]');
    await shopRow.waitFor({ timeout: 10_000 });
    expect(await shopRow.locator('td').nth(1).innerText()).toBe('closed');
    await page.locator('.chart[data-source="shop"] canvas').first().waitFor({ timeout: 10_000 });
    // After two polls, the interval's figures are numbers.
    for (let i = 0; i < 3; i += 1) await gateway.query('{ product(sku: "JKT-002") { name } }');
    await page.locator('#sources tr[data-source="shop"] td:nth-child(3)', { hasText: /\d/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#sources tr').count()).toBeGreaterThanOrEqual(3);
    expect(external).toEqual([]);
  }, 60_000);
});

describe('/status.json and its switch', () => {
  it('turns off with STATUS_PAGE=false', async () => {
    const gateway = await startTestGateway({ configEnv: { STATUS_PAGE: 'false' } });
    try {
      expect((await fetch(`${gateway.url}/status`)).status).toBe(404);
      expect((await fetch(`${gateway.url}/status.json`)).status).toBe(404);
    } finally {
      await gateway.close();
    }
  });

  it("reads each source's counters from the metrics text", () => {
    const exposition = [
      'tributary_upstream_requests_total{source="shop",outcome="success"} 7',
      'tributary_upstream_requests_total{source="shop",outcome="server_error"} 2',
      'tributary_upstream_request_duration_seconds_bucket{le="0.01",source="shop"} 5',
      'tributary_upstream_request_duration_seconds_bucket{le="+Inf",source="shop"} 9',
      'tributary_cache_lookups_total{source="shop",result="hit"} 3',
      'tributary_circuit_state{source="shop"} 2',
      'tributary_upstream_requests_total{source="other",outcome="success"} 1',
    ].join('\n');
    expect(readStatus(['shop', 'idle'], exposition, 1000)).toEqual({
      time: 1000,
      sources: [
        { name: 'idle', circuit: 0, calls: {}, latency: [], cache: { hit: 0, miss: 0 } },
        {
          name: 'shop',
          circuit: 2,
          calls: { success: 7, server_error: 2 },
          latency: [
            [0.01, 5],
            [Number.POSITIVE_INFINITY, 9],
          ],
          cache: { hit: 3, miss: 0 },
        },
      ],
    });
  });
});
