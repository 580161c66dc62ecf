import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { spawnMain, type MainProcess } from '../helpers/spawnMain';

/** A span as OTLP/HTTP JSON carries it. */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number; boolValue?: boolean } }[];
}

/** A real OTLP/HTTP receiver on loopback: what the gateway's exporter sends, as it sends it. */
async function startOtlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans, server };
}

const SDL = `
  extend schema @source(name: "inventory", rest: { baseURL: "{env.INVENTORY_URL}" })
  type Query { items: [Item] @rest(source: "inventory", path: "/items") @cacheControl(maxAge: 60) }
  type Item { id: ID! }
`;

const attribute = (span: OtlpSpan | undefined, key: string) => {
  const value = span?.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.boolValue;
};

describe('OpenTelemetry traces', () => {
  let inventory: DemoUpstream;
  let main: MainProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tributary-tracing-'));
  beforeAll(async () => {
    writeFileSync(join(dir, 'inventory.graphql'), SDL);
    inventory = await startDemoUpstream('inventory', (app) => {
      app.get('/items', async () => [{ id: 'i1' }]);
    });
  });
  afterEach(async () => {
    main?.child.kill('SIGTERM');
    await main?.exited();
    main = undefined;
  });
  afterAll(() => inventory.close());

  /** `npm start` on the inventory schema, exporting spans to `receiverUrl` every 100 ms. */
  const spawnTraced = (receiverUrl: string, extra: Record<string, string>) =>
    spawnMain({
      PORT: '0',
      WORKERS: '1',
      SCHEMA_DIR: dir,
      INVENTORY_URL: inventory.url,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiverUrl,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...extra,
    });

  const query = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: 'query Items { items { id } }' }),
    });

  it("continues the caller's trace, with a span per operation and per upstream call, and propagates traceparent upstream", async () => {
    const receiver = await startOtlpReceiver();
    try {
      main = spawnTraced(receiver.url, { OTEL_SERVICE_NAME: 'tributary-test' });
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 30_000);
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const callerSpan = '00f067aa0ba902b7';
      const before = inventory.requests.length;
      expect((await query(url as string, { traceparent: `00-${traceId}-${callerSpan}-01` })).status).toBe(200);
      for (let attempt = 0; attempt < 50 && receiver.spans.filter((span) => span.traceId === traceId).length < 2; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const spans = receiver.spans.filter((span) => span.traceId === traceId);
      const operation = spans.find((span) => span.name === 'query Items');
      const upstream = spans.find((span) => span.name === 'GET inventory');
      expect(operation?.parentSpanId).toBe(callerSpan);
      expect(attribute(operation, 'graphql.operation.name')).toBe('Items');
      expect(attribute(operation, 'tributary.outcome')).toBe('success');
      expect(upstream?.parentSpanId).toBe(operation?.spanId);
      expect(attribute(upstream, 'tributary.source')).toBe('inventory');
      expect(attribute(upstream, 'url.path')).toBe('/items');
      expect(Number(attribute(upstream, 'http.response.status_code'))).toBe(200);
      // The upstream joined the same trace, as a child of the gateway's client span.
      const sent = inventory.requests.slice(before).find((request) => request.url === '/items');
      expect(sent?.headers['traceparent']).toBe(`00-${traceId}-${upstream?.spanId}-01`);
      expect(attribute(upstream, 'tributary.source.kind')).toBe('rest');
      expect(attribute(upstream, 'url.template')).toBe('/items');

      // The same call again is answered from the upstream cache: a span says so, and nothing is sent.
      const again = '5bf92f3577b34da6a3ce929d0e0e4737';
      const sentBefore = inventory.requests.length;
      expect((await query(url as string, { traceparent: `00-${again}-${callerSpan}-01` })).status).toBe(200);
      for (let attempt = 0; attempt < 50 && receiver.spans.filter((span) => span.traceId === again).length < 2; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const cached = receiver.spans.find((span) => span.traceId === again && span.name === 'GET inventory');
      expect(attribute(cached, 'tributary.cached')).toBe(true);
      expect(inventory.requests.length).toBe(sentBefore);
    } finally {
      receiver.server.close();
    }
  }, 60_000);

  it('records model calls with the GenAI conventions, the HTTP call beneath', async () => {
    const receiver = await startOtlpReceiver();
    try {
      // The demo schema with its embedded assistant: searchProducts embeds the catalog and the text.
      main = spawnMain({ PORT: '0', WORKERS: '1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 30_000);
      const response = await fetch(url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ searchProducts(text: "warm tent", first: 2) { sku } }' }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      const modelSpan = () => receiver.spans.find((span) => span.name.startsWith('embeddings '));
      for (let attempt = 0; attempt < 50 && modelSpan() === undefined; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const span = modelSpan();
      expect(attribute(span, 'gen_ai.operation.name')).toBe('embeddings');
      expect(attribute(span, 'gen_ai.request.model')).toEqual(expect.any(String));
      expect(Number(attribute(span, 'gen_ai.usage.input_tokens'))).toBeGreaterThan(0);
      expect(receiver.spans.some((child) => child.parentSpanId === span?.spanId && child.kind === 3)).toBe(true);
    } finally {
      receiver.server.close();
    }
  }, 60_000);

  it('samples by OTEL_TRACES_SAMPLER: always_off records nothing', async () => {
    const receiver = await startOtlpReceiver();
    try {
      main = spawnTraced(receiver.url, { OTEL_TRACES_SAMPLER: 'always_off' });
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 30_000);
      expect((await query(url as string)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(receiver.spans).toEqual([]);
    } finally {
      receiver.server.close();
    }
  }, 60_000);

  it('sends nothing and propagates nothing when no OTLP endpoint is set', async () => {
    main = spawnMain({ PORT: '0', WORKERS: '1', SCHEMA_DIR: dir, INVENTORY_URL: inventory.url });
    const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 30_000);
    const before = inventory.requests.length;
    await query(url as string, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    expect(inventory.requests.slice(before).every((request) => request.headers['traceparent'] === undefined)).toBe(true);
  }, 60_000);
});
