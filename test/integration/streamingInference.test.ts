import { startDemoAssistant, type DemoAssistant } from '../../src/demo/assistant/startDemoAssistant';
import { record, settle, sseClient, webSocketClient, type Recording } from '../helpers/subscriptionClients';
import { startTestGateway, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';
import { streamedChatSchema } from '../helpers/streamedChatSchema';

const ASSISTANT_REPLY = /* GraphQL */ `
  subscription ($message: String!) {
    assistantReply(message: $message) {
      delta
      done
      reply {
        answer
        intent
        confidence
      }
      usage {
        promptTokens
        completionTokens
        totalTokens
      }
    }
  }
`;

interface ReplyEventValue {
  delta: string | null;
  done: boolean;
  reply: { answer: string; intent: string; confidence: number } | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
}

function assistantOf(gateway: TestGateway): DemoAssistant {
  const upstream = gateway.demo('assistant');
  if (upstream === undefined || !('streams' in upstream)) throw new Error('the demo assistant was not started');
  return upstream as DemoAssistant;
}

const eventOf = (result: GraphQLResponse) => result.data?.['assistantReply'] as ReplyEventValue | null;

/** Every result of a subscription, once the server completed it. */
async function allOf(recording: Recording, timeoutMs = 10_000): Promise<GraphQLResponse[]> {
  const ended = await Promise.race([
    recording.ended.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ]);
  if (!ended) throw new Error(`the subscription did not end within ${timeoutMs} ms: ${JSON.stringify(recording.results)}`);
  return recording.results;
}

const chatCalls = (assistant: DemoAssistant) => assistant.calls.filter((call) => call.path === '/v1/chat/completions');

describe('a streamed model reply as a subscription (@inference(stream: true)), against the demo assistant', () => {
  let gateway: TestGateway;
  let assistant: DemoAssistant;
  let agent: Record<string, string>;
  beforeAll(async () => {
    gateway = await startTestGateway();
    assistant = assistantOf(gateway);
    agent = { authorization: `Bearer ${await testToken('agent-7', ['assistant:use'])}` };
  });
  afterAll(() => gateway.close());

  it('streams the reply over graphql-ws: pieces in order, then the validated typed reply and its usage', async () => {
    const tokensBefore = await gateway.metric('tributary_inference_tokens_total', { source: 'assistant', kind: 'completion' });
    const client = webSocketClient(gateway.url, agent);
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message: 'Where is my order? It has not arrived.' }));
      expect(results.every((result) => result.errors === undefined)).toBe(true);
      const events = results.map(eventOf) as ReplyEventValue[];
      const last = events.at(-1) as ReplyEventValue;
      const pieces = events.slice(0, -1);
      // Several pieces, each before the final event, and only the final event is done.
      expect(pieces.length).toBeGreaterThan(2);
      expect(pieces.every((event) => !event.done && event.reply === null && event.usage === null && event.delta !== null)).toBe(true);
      expect(last).toMatchObject({ done: true, delta: null, reply: { intent: 'ORDER_TRACKING' } });
      // The pieces, in order, are the JSON text of the reply the final event carries, mapped to GraphQL.
      const streamed = JSON.parse(pieces.map((event) => event.delta).join('')) as { answer: string; intent: string };
      expect(last.reply?.answer).toBe(streamed.answer);
      expect(streamed.intent).toBe('order_tracking');
      expect(last.usage?.promptTokens).toBeGreaterThan(0);
      expect(last.usage?.completionTokens).toBeGreaterThan(0);
      expect(last.usage?.totalTokens).toBe((last.usage?.promptTokens ?? 0) + (last.usage?.completionTokens ?? 0));
      expect(await gateway.metric('tributary_inference_tokens_total', { source: 'assistant', kind: 'completion' })).toBe(
        tokensBefore + (last.usage?.completionTokens ?? 0),
      );
      // The call asked for a stream with usage, and a reply in the field's JSON schema.
      const body = chatCalls(assistant).at(-1)?.body as Record<string, unknown>;
      expect(body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
        response_format: { type: 'json_schema', json_schema: { strict: true } },
      });
    } finally {
      await client.dispose();
    }
  });

  it('streams over graphql-sse too', async () => {
    const client = sseClient(gateway.url, agent);
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message: 'I would like a refund for my jacket' }));
      const events = results.map(eventOf) as ReplyEventValue[];
      expect(events.length).toBeGreaterThan(2);
      expect(events.slice(0, -1).every((event) => !event.done && typeof event.delta === 'string')).toBe(true);
      expect(events.at(-1)).toMatchObject({ done: true, reply: { intent: 'RETURNS_AND_REFUNDS' } });
    } finally {
      client.dispose();
    }
  });

  it.each([
    ['#violate-schema', 'UPSTREAM_BAD_RESPONSE', { reason: 'schema_violation', retryable: false }],
    ['#truncate', 'UPSTREAM_BAD_RESPONSE', { reason: 'length' }],
    ['#refuse', 'UPSTREAM_BAD_RESPONSE', { reason: 'refusal' }],
  ])('ends a reply that fails validation (%s) with the code the non-streamed field gives', async (hook, code, extensions) => {
    const message = `Where is my order? ${hook}`;
    const query = await gateway.query('query ($message: String!) { assistant(message: $message) { intent } }', {
      variables: { message },
      headers: agent,
    });
    const client = webSocketClient(gateway.url, agent);
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message }));
      const last = results.at(-1) as GraphQLResponse;
      expect(last.data).toEqual({ assistantReply: null });
      expect(last.errors?.[0]?.extensions).toMatchObject({ code, source: 'assistant', ...extensions });
      expect(last.errors?.[0]?.extensions?.['code']).toBe(query.body.errors?.[0]?.extensions?.['code']);
      expect(last.errors?.[0]?.extensions?.['reason']).toBe(query.body.errors?.[0]?.extensions?.['reason']);
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ['#rate-limited', 'RATE_LIMITED', { retryable: true, status: 429, reason: 'rate_limit_exceeded' }],
    ['#server-error', 'UPSTREAM_UNAVAILABLE', { retryable: true, status: 500 }],
    ['#unavailable', 'UPSTREAM_UNAVAILABLE', { retryable: true, status: 503 }],
  ])('maps an error status before the stream (%s) as the non-streamed field does', async (hook, code, extensions) => {
    const client = webSocketClient(gateway.url, agent);
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message: `Hello ${hook}` }));
      expect(results).toHaveLength(1);
      expect(results[0]?.errors?.[0]?.extensions).toMatchObject({ code, source: 'assistant', ...extensions });
    } finally {
      await client.dispose();
    }
  });

  it('retries a 429 with a short Retry-After before the stream starts, then streams', async () => {
    const before = chatCalls(assistant).length;
    const client = webSocketClient(gateway.url, agent);
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message: 'My card was declined #rate-limited-once' }));
      expect(eventOf(results.at(-1) as GraphQLResponse)).toMatchObject({ done: true, reply: { intent: 'PAYMENT_ISSUE' } });
      expect(chatCalls(assistant).length - before).toBe(2);
    } finally {
      await client.dispose();
    }
  });

  it('ends a stream broken mid-way with UPSTREAM_UNAVAILABLE, retryable, after the pieces that arrived; it is not sent again', async () => {
    const before = chatCalls(assistant).length;
    const client = webSocketClient(gateway.url, agent);
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message: 'Where is my order? #cut-stream' }));
      const last = results.at(-1) as GraphQLResponse;
      expect(results.length).toBeGreaterThan(1);
      expect(results.slice(0, -1).every((result) => eventOf(result)?.done === false)).toBe(true);
      expect(last.data).toEqual({ assistantReply: null });
      expect(last.errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        source: 'assistant',
        retryable: true,
        reason: 'stream_interrupted',
      });
      expect(chatCalls(assistant).length - before).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it('aborts the model call when the client unsubscribes', async () => {
    const abortedBefore = assistant.streams.aborted;
    const cancelled = () => gateway.metric('tributary_upstream_requests_total', { source: 'assistant', outcome: 'cancelled' });
    const cancelledBefore = await cancelled();
    const client = webSocketClient(gateway.url, agent);
    try {
      const recording = record(client, ASSISTANT_REPLY, { message: 'Where is my order? #slow-stream' });
      await recording.received(1);
      recording.stop();
      const deadline = Date.now() + 3_000;
      while (assistant.streams.aborted === abortedBefore && Date.now() < deadline) await settle(50);
      expect(assistant.streams.aborted).toBe(abortedBefore + 1);
      expect(await cancelled()).toBe(cancelledBefore + 1);
      expect(recording.results.every((result) => eventOf(result)?.done === false)).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a caller without the assistant:use scope before any call', async () => {
    const before = chatCalls(assistant).length;
    const partner = await testToken('partner-acme', ['orders:status']);
    const client = webSocketClient(gateway.url, { authorization: `Bearer ${partner}` });
    try {
      const results = await allOf(record(client, ASSISTANT_REPLY, { message: 'Where is my order?' }));
      expect(results).toHaveLength(1);
      expect(results[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      await settle(100);
      expect(chatCalls(assistant).length).toBe(before);
    } finally {
      await client.dispose();
    }
  });
});

describe('a streamed reply and the per-caller token budget', () => {
  let gateway: TestGateway;
  let assistant: DemoAssistant;
  beforeAll(async () => {
    gateway = await startTestGateway({ configEnv: { INFERENCE_TOKEN_BUDGET_PER_HOUR: '20' } });
    assistant = assistantOf(gateway);
  });
  afterAll(() => gateway.close());

  it('charges the usage of the final chunk to the caller, and refuses the next stream with RATE_LIMITED, calling nothing', async () => {
    const client = webSocketClient(gateway.url, { authorization: `Bearer ${await testToken('budget-stream', ['assistant:use'])}` });
    try {
      const first = await allOf(record(client, ASSISTANT_REPLY, { message: 'Where is my order?' }));
      const usage = eventOf(first.at(-1) as GraphQLResponse)?.usage;
      expect(usage?.totalTokens).toBeGreaterThan(20);
      const before = chatCalls(assistant).length;
      const second = await allOf(record(client, ASSISTANT_REPLY, { message: 'My card was declined' }));
      expect(second).toHaveLength(1);
      expect(second[0]?.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        source: 'assistant',
        retryable: true,
        reason: 'token_budget',
      });
      expect(chatCalls(assistant).length).toBe(before);
    } finally {
      await client.dispose();
    }
  });
});

describe('a streamed text reply declared in SDL', () => {
  const API_KEY = 'test-inference-key';
  let assistant: DemoAssistant;
  let gateway: TestGateway;
  const typeDefs = streamedChatSchema({ system: 'Be brief.' });
  beforeAll(async () => {
    assistant = await startDemoAssistant({ apiKey: API_KEY });
    gateway = await startTestGateway({ typeDefs: [typeDefs], env: { MODELS_URL: `${assistant.url}/v1`, MODELS_KEY: API_KEY } });
  });
  afterAll(async () => {
    await gateway.close();
    await assistant.close();
  });

  it('streams the text word by word, then the whole text, trimmed; the call has no response_format', async () => {
    const client = webSocketClient(gateway.url);
    try {
      const results = await allOf(record(client, 'subscription ($m: String!) { chat(message: $m) { delta done reply } }', { m: 'Hello' }));
      const events = results.map((result) => result.data?.['chat'] as { delta: string | null; done: boolean; reply: string | null });
      const last = events.at(-1);
      expect(events.length).toBeGreaterThan(3);
      expect(last?.done).toBe(true);
      expect(last?.reply).toBe(
        events
          .slice(0, -1)
          .map((event) => event.delta)
          .join('')
          .trim(),
      );
      expect(last?.reply?.length).toBeGreaterThan(10);
      const body = assistant.calls.at(-1)?.body as Record<string, unknown>;
      expect(body['response_format']).toBeUndefined();
      expect(body['messages']).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ]);
    } finally {
      await client.dispose();
    }
  });
});
