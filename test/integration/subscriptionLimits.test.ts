import { request as httpRequest, type IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { postWebhook, record, settle, webSocketClient } from '../helpers/subscriptionClients';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const SECRET = `whsec_${Buffer.from('a-test-webhook-secret-of-32-byte').toString('base64')}`;
const typeDefs = /* GraphQL */ `
  extend schema @webhookSource(name: "feed", secret: "{env.FEED_SECRET}")
  type Query {
    ok: Boolean
  }
  type Subscription {
    blob: String @webhook(source: "feed", event: "blob", select: "text")
  }
`;

function startFeedGateway(configEnv: Record<string, string> = {}): Promise<TestGateway> {
  return startTestGateway({ typeDefs: [typeDefs], env: { FEED_SECRET: SECRET }, configEnv });
}

/** A raw graphql-transport-ws connection, to control reading and see close codes. */
async function rawConnection(url: string): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => socket.once('message', resolve));
  return { socket, closed };
}

describe('subscription limits', () => {
  it('refuses a subscription past SUBSCRIPTIONS_PER_CONNECTION with RATE_LIMITED', async () => {
    const gateway = await startFeedGateway({ SUBSCRIPTIONS_PER_CONNECTION: '1' });
    const client = webSocketClient(gateway.url);
    const first = record(client, 'subscription { blob }');
    await settle();
    const second = record(client, 'subscription { blob }');
    expect(await second.ended).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryable: false } })]);
    first.stop();
    await client.dispose();
    await gateway.close();
  });

  it('refuses subscriptions past SUBSCRIPTIONS_PER_CALLER over every connection', async () => {
    const gateway = await startFeedGateway({ SUBSCRIPTIONS_PER_CALLER: '1' });
    const token = await testToken('someone');
    const one = webSocketClient(gateway.url, { authorization: `Bearer ${token}` });
    const two = webSocketClient(gateway.url, { authorization: `Bearer ${token}` });
    const first = record(one, 'subscription { blob }');
    await settle();
    const second = record(two, 'subscription { blob }');
    await second.ended;
    expect(second.results).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryable: false } })] }]);
    first.stop();
    await one.dispose();
    await two.dispose();
    await gateway.close();
  });

  it('closes a connection past CONNECTIONS_PER_CALLER with 4029', async () => {
    const gateway = await startFeedGateway({ CONNECTIONS_PER_CALLER: '1' });
    const first = await rawConnection(gateway.url);
    const second = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => second.once('open', resolve));
    second.send(JSON.stringify({ type: 'connection_init' }));
    const code = await new Promise<number>((resolve) => second.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(4029);
    first.socket.close();
    await gateway.close();
  });

  it('closes a connection whose message is larger than WS_MAX_MESSAGE_BYTES with 1009', async () => {
    const gateway = await startFeedGateway({ WS_MAX_MESSAGE_BYTES: '1024' });
    const { socket, closed } = await rawConnection(gateway.url);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { blob } # ${'x'.repeat(2000)}` } }));
    expect((await closed).code).toBe(1009);
    await gateway.close();
  });

  it('disconnects a slow consumer with 4008 instead of buffering its events', async () => {
    const gateway = await startFeedGateway({
      SUBSCRIPTION_MAX_BUFFERED_BYTES: String(64 * 1024),
      BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
    });
    const { socket, closed } = await rawConnection(gateway.url);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { blob }' } }));
    await settle();
    // The client stops reading: the kernel's buffers fill, then the gateway's.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'x'.repeat(1024 * 1024);
    const cut = () => gateway.metric('tributary_subscription_refusals_total', { reason: 'slow_consumer' });
    for (let sent = 0; sent < 60 && (await cut()) === 0; sent += 1) {
      await postWebhook(gateway.url, 'feed', { type: 'blob', data: { text } }, { secret: SECRET });
    }
    // Read again at once: the close frame waits behind what was buffered, and the gateway drops a
    // client that has not taken it within 5 s.
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    const close = await closed;
    expect(close.code).toBe(4008);
    expect(close.reason).toContain('Slow consumer');
    expect(await gateway.metric('tributary_subscription_refusals_total', { reason: 'slow_consumer' })).toBe(1);
    await gateway.close();
  }, 30_000);
});

describe('a slow SSE consumer', () => {
  it('gets one last result with SLOW_CONSUMER, then its stream ends, instead of the gateway queueing its events', async () => {
    const gateway = await startFeedGateway({
      SUBSCRIPTION_MAX_BUFFERED_BYTES: String(64 * 1024),
      BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
    });
    try {
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        const sent = httpRequest(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
        });
        sent.once('response', resolve).once('error', reject);
        sent.end(JSON.stringify({ query: 'subscription { blob }' }));
      });
      expect(response.statusCode).toBe(200);
      await settle();
      // The client stops reading: the kernel's buffers fill, then graphql-sse's queue.
      response.pause();
      const text = 'x'.repeat(1024 * 1024);
      const cut = () => gateway.metric('tributary_subscription_refusals_total', { reason: 'slow_consumer' });
      for (let sent = 0; sent < 60 && (await cut()) === 0; sent += 1) {
        await postWebhook(gateway.url, 'feed', { type: 'blob', data: { text } }, { secret: SECRET });
      }
      expect(await cut()).toBe(1);
      // Reading again, the client gets what was queued before the cut, the reason, and the end.
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.resume();
      await new Promise((resolve) => response.once('end', resolve).once('close', resolve));
      const events = body.split('\n\n').filter((event) => event.startsWith('event: '));
      expect(events.at(-1)).toMatch(/^event: complete\ndata:/);
      const last = JSON.parse((events.at(-2) ?? '').replace(/^event: next\ndata: /, '')) as {
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      };
      expect(last.errors?.[0]?.message).toContain('Slow consumer');
      expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'SLOW_CONSUMER', retryable: true });
      // Fewer events reached it than were published: the rest were never queued.
      expect(events.length - 2).toBeLessThan(60);
      expect(await gateway.metric('tributary_subscriptions_active', { transport: 'sse' })).toBe(0);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});

describe('graceful shutdown', () => {
  it('completes every subscription, then closes WebSockets with 1001, and SSE streams end', async () => {
    const gateway = await startFeedGateway();
    const client = webSocketClient(gateway.url);
    const ws = record(client, 'subscription { blob }');
    const raw = await rawConnection(gateway.url);
    raw.socket.send(JSON.stringify({ id: 'a', type: 'subscribe', payload: { query: 'subscription { blob }' } }));
    const completed = new Promise((resolve) =>
      raw.socket.on('message', (message: Buffer) => {
        const parsed = JSON.parse(message.toString()) as { type: string; id?: string };
        if (parsed.type === 'complete') resolve(parsed.id);
      }),
    );
    const sse = fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { blob }' }),
    });
    await settle();
    expect(await gateway.metric('tributary_subscriptions_active', { transport: 'ws' })).toBe(2);
    expect(await gateway.metric('tributary_subscriptions_active', { transport: 'sse' })).toBe(1);
    const closing = gateway.close();
    expect(await ws.ended).toBeUndefined();
    expect(await completed).toBe('a');
    expect((await raw.closed).code).toBe(1001);
    const stream = await (await sse).text();
    expect(stream).toContain('event: complete');
    await closing;
    await client.dispose();
  });
});
