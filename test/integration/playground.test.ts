import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env['CI'] !== 'true') {
  // A developer machine without Chromium skips the browser test; CI installs it and must run it.
  console.warn(`playground browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}
const describeInBrowser = available || process.env['CI'] === 'true' ? describe : describe.skip;

const QUERY = '{ orders(first: 2) { id status } }';

/** Sets a GraphiQL editor's text through its CodeMirror instance. */
async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  const editor = page.locator(selector).first();
  await editor.waitFor();
  await editor.evaluate((element: unknown, value: string) => {
    (element as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue(value);
  }, text);
}

/** Opens a new tab and types a query into it as a person would. */
async function typeQuery(page: Page, query: string): Promise<void> {
  const tabs = await page.locator('.graphiql-tab').count();
  await page.locator('.graphiql-tab-add').click();
  await page.locator('.graphiql-tab').nth(tabs).waitFor();
  await page.locator('.graphiql-query-editor .CodeMirror-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query);
  // GraphiQL re-reads the operation name from the editor after a short debounce.
  await page.waitForTimeout(600);
}

async function runAndReadResult(page: Page, expected: string): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.graphiql-response .CodeMirror-lines');
  await result
    .filter({ hasText: expected })
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`result never showed "${expected}": ${await result.innerText()}`, { cause: error });
    });
  return result.innerText();
}

describeInBrowser('the playground in a real browser', () => {
  let gateway: TestGateway;
  let browser: Browser;
  const offsite: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  async function openPlayground(): Promise<Page> {
    // A fresh context per test: GraphiQL keeps tabs and headers in localStorage.
    const context = await browser.newContext();
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(gateway.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${gateway.url}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 15_000 });
    return page;
  }

  it('loads from our own server only, with the example operations as tabs', async () => {
    const page = await openPlayground();
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(4);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
    await page.locator('.graphiql-doc-explorer').getByText('orderStatus').first().waitFor();
    expect(offsite).toEqual([]);
    await page.context().close();
  });

  it('runs a query with a pasted token and shows the data', async () => {
    const page = await openPlayground();
    const token = await testToken('agent-7', ['orders:read']);
    await typeQuery(page, QUERY);
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers', exact: true }).click();
    await setEditor(
      page,
      'section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror',
      JSON.stringify({ authorization: `Bearer ${token}` }),
    );
    const text = await runAndReadResult(page, '1002');
    expect(text).toContain('"id": "1001"');
    expect(text).toContain('"status": "PAID"');
    expect(text).not.toContain('FORBIDDEN');
    await page.context().close();
  });

  it('shows the authorization error when the same query runs without a token', async () => {
    const page = await openPlayground();
    await typeQuery(page, QUERY);
    const text = await runAndReadResult(page, 'UNAUTHENTICATED');
    expect(text).toContain('Sign in to read Query.orders');
    await page.context().close();
  });

  it('runs a subscription over WebSocket with the pasted token and shows each event as it arrives', async () => {
    const page = await openPlayground();
    const token = await testToken('agent-7', ['orders:read', 'orders:write']);
    await typeQuery(page, 'subscription { orderStatusChanged(orderId: "1031") { orderId status } }');
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers', exact: true }).click();
    await setEditor(
      page,
      'section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror',
      JSON.stringify({ authorization: `Bearer ${token}` }),
    );
    await page.locator('.graphiql-execute-button').click();
    // The subscription is running once the gateway counts it.
    for (let waited = 0; (await gateway.metric('tributary_subscriptions_active', { transport: 'ws' })) < 1 && waited < 100; waited += 1) {
      await page.waitForTimeout(100);
    }
    const advanced = await gateway.query('mutation { advanceOrder(id: "1031") { status } }', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(advanced.body).toEqual({ data: { advanceOrder: { status: 'PAID' } } });
    const result = page.locator('.graphiql-response .CodeMirror-lines');
    await result.filter({ hasText: '"status": "PAID"' }).waitFor({ timeout: 10_000 });
    expect(await result.innerText()).toContain('"orderId": "1031"');
    expect(offsite).toEqual([]);
    await page.context().close();
  });

  it('shows FORBIDDEN for a token without the scope', async () => {
    const page = await openPlayground();
    const token = await testToken('partner-acme', ['orders:status']);
    await typeQuery(page, QUERY);
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers', exact: true }).click();
    await setEditor(
      page,
      'section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror',
      JSON.stringify({ authorization: `Bearer ${token}` }),
    );
    const text = await runAndReadResult(page, 'FORBIDDEN');
    expect(text).toContain('requires scope orders:read');
    await page.context().close();
  });
});

describe('the playground page', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('is served to browsers with a strict CSP, while GraphQL GETs still execute', async () => {
    const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('/playground/graphiql.min.js');
    const asset = await fetch(`${gateway.url}/playground/graphiql.min.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await fetch(`${gateway.url}/playground/package.json`)).status).toBe(404);
    const get = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ products { sku } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(((await get.json()) as { data: { products: unknown[] } }).data.products).toHaveLength(12);
  });
});
