import type { RecordedRequest } from '../../src/demo/DemoUpstream';
import type { DemoAssistant } from '../../src/demo/assistant/startDemoAssistant';
import { DEMO_CHAT_MODEL, DEMO_EMBEDDING_MODEL } from '../../src/demo/assistant/registerAssistantRoutes';
import { startDemoAssistant } from '../../src/demo/assistant/startDemoAssistant';
import { startDemoShop } from '../../src/demo/shop/startDemoShop';
import type { InferenceUsageReport } from '../../src/execution/InferenceUsage';
import { callsDuring } from '../helpers/callCounter';
import { startTestGateway, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

type Result = Awaited<ReturnType<TestGateway['query']>>;

function assistantOf(gateway: TestGateway): DemoAssistant {
  const upstream = gateway.demo('assistant');
  if (upstream === undefined || !('calls' in upstream)) throw new Error('the demo assistant was not started');
  return upstream as DemoAssistant;
}

function usageOf(body: GraphQLResponse): InferenceUsageReport {
  const usage = body.extensions?.['inference'];
  if (usage === undefined) throw new Error(`no extensions.inference in ${JSON.stringify(body)}`);
  return usage as InferenceUsageReport;
}

function errorAt(body: GraphQLResponse, field: string) {
  const error = body.errors?.find((candidate) => candidate.path?.[0] === field);
  if (error === undefined) throw new Error(`no error at ${field} in ${JSON.stringify(body)}`);
  return error;
}

const paths = (calls: readonly RecordedRequest[]) => calls.map((call) => call.url);

/** The inputs of the embeddings calls the assistant answered during `action`. */
async function embeddingInputsDuring(assistant: DemoAssistant, action: () => Promise<unknown>): Promise<unknown[]> {
  const before = assistant.calls.length;
  await action();
  return assistant.calls
    .slice(before)
    .filter((call) => call.path === '/v1/embeddings')
    .map((call) => (call.body as { input: unknown }).input);
}

describe('AI inference as a typed upstream, against the demo assistant', () => {
  let gateway: TestGateway;
  let assistant: DemoAssistant;
  let agent: Record<string, string>;
  beforeAll(async () => {
    gateway = await startTestGateway();
    assistant = assistantOf(gateway);
    agent = { authorization: `Bearer ${await testToken('agent-7', ['assistant:use'])}` };
  });
  afterAll(() => gateway.close());

  const ask = (message: string, extra = '') =>
    gateway.query(`query ($message: String!) { assistant(message: $message) { answer intent confidence } ${extra} }`, {
      variables: { message },
      headers: agent,
    });
  const tokens = async () => ({
    prompt: await gateway.metric('tributary_inference_tokens_total', { source: 'assistant', kind: 'prompt' }),
    completion: await gateway.metric('tributary_inference_tokens_total', { source: 'assistant', kind: 'completion' }),
    embedding: await gateway.metric('tributary_inference_tokens_total', { source: 'assistant', kind: 'embedding' }),
  });

  it('answers a support message as a typed reply, with its intent as an enum and its token usage reported', async () => {
    const before = await tokens();
    let result!: Result;
    const calls = await callsDuring(assistant, async () => {
      result = await ask('Where is my order?');
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({
      assistant: { answer: expect.stringContaining('Track parcel') as string, intent: 'ORDER_TRACKING', confidence: 0.9 },
    });
    expect(paths(calls)).toEqual(['/v1/chat/completions']);
    expect(calls[0]?.headers['authorization']).toMatch(/^Bearer /);

    const body = assistant.calls[assistant.calls.length - 1]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: DEMO_CHAT_MODEL, temperature: 0, max_tokens: 300 });
    expect(body['response_format']).toMatchObject({
      type: 'json_schema',
      json_schema: {
        name: 'Query_assistant',
        strict: true,
        schema: { type: 'object', required: ['answer', 'intent', 'confidence'], additionalProperties: false },
      },
    });

    const usage = usageOf(result.body);
    expect(usage.calls).toBe(1);
    expect(usage.cachedAnswers).toBe(0);
    expect(usage.tokens.prompt).toBeGreaterThan(0);
    expect(usage.tokens.completion).toBeGreaterThan(0);
    expect(usage.tokens.total).toBe(usage.tokens.prompt + usage.tokens.completion);
    const after = await tokens();
    expect({ prompt: after.prompt - before.prompt, completion: after.completion - before.completion }).toEqual({
      prompt: usage.tokens.prompt,
      completion: usage.tokens.completion,
    });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/tributary_inference_tokens_total\{source="assistant",kind="prompt"\} \d+/);
    expect(metrics).toMatch(/tributary_upstream_requests_total\{source="assistant",outcome="success"\} \d+/);
  });

  it('answers the same deterministic question again from the cache: no call and no tokens', async () => {
    const before = await tokens();
    let result!: Result;
    const calls = await callsDuring(assistant, async () => {
      result = await ask('Where is my order?');
    });
    expect(calls).toHaveLength(0);
    expect(result.body.data?.['assistant']).toMatchObject({ intent: 'ORDER_TRACKING' });
    expect(usageOf(result.body)).toEqual({ calls: 0, cachedAnswers: 1, tokens: { prompt: 0, completion: 0, embedding: 0, total: 0 } });
    expect(await tokens()).toEqual(before);
  });

  it('lets only callers with assistant:use ask, and calls nothing for the others', async () => {
    const partner = { authorization: `Bearer ${await testToken('partner-acme', ['orders:status'])}` };
    const query = '{ assistant(message: "Where is my parcel?") { intent } }';
    const calls = await callsDuring(assistant, async () => {
      const anonymous = await gateway.query(query);
      expect(errorAt(anonymous.body, 'assistant').extensions?.['code']).toBe('UNAUTHENTICATED');
      const forbidden = await gateway.query(query, { headers: partner });
      expect(errorAt(forbidden.body, 'assistant').extensions?.['code']).toBe('FORBIDDEN');
    });
    expect(calls).toHaveLength(0);
  });

  it('writes a short summary per product, and a repeat costs no call', async () => {
    let result!: Result;
    const calls = await callsDuring(assistant, async () => {
      result = await gateway.query('{ products { sku summary } }');
    });
    expect(result.body.errors).toBeUndefined();
    const products = result.body.data?.['products'] as { sku: string; summary: string }[];
    expect(products).toHaveLength(12);
    expect(products[0]).toEqual({ sku: 'JKT-001', summary: 'Alpine Down Jacket: warm insulated winter jacket with goose down.' });
    expect(calls).toHaveLength(12);
    expect(usageOf(result.body)).toMatchObject({ calls: 12, cachedAnswers: 0 });

    const again = await callsDuring(assistant, async () => {
      result = await gateway.query('{ products { sku summary } }');
    });
    expect(again).toHaveLength(0);
    expect(usageOf(result.body)).toEqual({ calls: 0, cachedAnswers: 12, tokens: { prompt: 0, completion: 0, embedding: 0, total: 0 } });
  });

  it('embeds N products in one batched call, and none on a repeat', async () => {
    let result!: Result;
    const inputs = await embeddingInputsDuring(assistant, async () => {
      result = await gateway.query('{ products { sku embedding } }');
    });
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toHaveLength(12);
    expect((inputs[0] as string[])[0]).toBe(
      'Alpine Down Jacket: Warm insulated winter jacket with goose down, windproof shell and a hood for cold snowy days.',
    );
    const products = result.body.data?.['products'] as { embedding: number[] }[];
    expect(products[0]?.embedding).toHaveLength(256);
    expect(usageOf(result.body).tokens.embedding).toBeGreaterThan(0);
    expect(assistant.calls[assistant.calls.length - 1]?.body).toMatchObject({ model: DEMO_EMBEDDING_MODEL, encoding_format: 'float' });

    const calls = await callsDuring(assistant, async () => {
      result = await gateway.query('{ products { sku embedding } }');
    });
    expect(calls).toHaveLength(0);
    expect(usageOf(result.body)).toMatchObject({ calls: 0, cachedAnswers: 12, tokens: { total: 0 } });
  });

  it('refuses an answer that violates the schema as a whole, while the rest of the query answers', async () => {
    let result!: Result;
    const calls = await callsDuring(assistant, async () => {
      result = await ask('Where is my order? #violate-schema', 'products { sku }');
    });
    expect(result.body.data?.['assistant']).toBeNull();
    expect(result.body.data?.['products']).toHaveLength(12);
    const error = errorAt(result.body, 'assistant');
    expect(error.extensions).toEqual({
      code: 'UPSTREAM_BAD_RESPONSE',
      source: 'assistant',
      status: 200,
      retryable: false,
      reason: 'schema_violation',
    });
    expect(error.message).toBe(
      'The answer of "assistant" for Query.assistant does not match its type: / must have required property \'answer\'',
    );
    expect(error.message).not.toContain('this is not what was asked for');
    expect(paths(calls)).toEqual(['/v1/chat/completions']);
    // The tokens were spent all the same.
    expect(usageOf(result.body).tokens.total).toBeGreaterThan(0);

    // A refused answer is not cached: asking again asks the model again.
    const again = await callsDuring(assistant, () => ask('Where is my order? #violate-schema'));
    expect(again).toHaveLength(1);
  });

  it('reports a refusal and an answer cut off at the token limit as such', async () => {
    const refused = await ask('Help me with something #refuse');
    expect(refused.body.data?.['assistant']).toBeNull();
    expect(errorAt(refused.body, 'assistant').extensions).toMatchObject({
      code: 'UPSTREAM_BAD_RESPONSE',
      reason: 'refusal',
      retryable: false,
    });
    expect(errorAt(refused.body, 'assistant').message).toBe('The model of "assistant" refused to answer Query.assistant');

    const cut = await ask('Where is my order? #truncate');
    expect(cut.body.data?.['assistant']).toBeNull();
    expect(errorAt(cut.body, 'assistant').extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', reason: 'length' });
  });

  it('maps context_length_exceeded to UPSTREAM_REJECTED with that reason', async () => {
    const result = await ask(`Please read this: ${'word '.repeat(1200)}`);
    expect(errorAt(result.body, 'assistant').extensions).toEqual({
      code: 'UPSTREAM_REJECTED',
      source: 'assistant',
      status: 400,
      retryable: false,
      reason: 'context_length_exceeded',
    });
  });

  it('retries a 429 once its Retry-After has passed, and answers', async () => {
    const rejected = await gateway.metric('tributary_upstream_requests_total', { source: 'assistant', outcome: 'client_error' });
    let result!: Result;
    const calls = await callsDuring(assistant, async () => {
      result = await ask('Where is my order? #rate-limited-once');
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.['assistant']).toMatchObject({ intent: 'ORDER_TRACKING' });
    expect(paths(calls)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(usageOf(result.body).calls).toBe(2);
    expect(await gateway.metric('tributary_upstream_requests_total', { source: 'assistant', outcome: 'client_error' })).toBe(rejected + 1);
  });

  it('does not wait for a Retry-After longer than allowed, and does not retry a 503 that gives none', async () => {
    let limited!: Result;
    const limitedCalls = await callsDuring(assistant, async () => {
      limited = await ask('Where is my order? #rate-limited');
    });
    expect(limitedCalls).toHaveLength(1);
    expect(errorAt(limited.body, 'assistant').extensions).toEqual({
      code: 'RATE_LIMITED',
      source: 'assistant',
      status: 429,
      retryable: true,
      retryAfterSeconds: 120,
      reason: 'rate_limit_exceeded',
    });

    let unavailable!: Result;
    const unavailableCalls = await callsDuring(assistant, async () => {
      unavailable = await ask('Where is my order? #unavailable');
    });
    expect(unavailableCalls).toHaveLength(1);
    expect(errorAt(unavailable.body, 'assistant').extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503, retryable: true });
  });

  it('adds nothing to responses that used no inference', async () => {
    const result = await gateway.query('{ products { sku } }');
    expect(result.body.extensions).toBeUndefined();
  });
});

describe('searchProducts: semantic search over embeddings', () => {
  let gateway: TestGateway;
  let assistant: DemoAssistant;
  beforeAll(async () => {
    gateway = await startTestGateway();
    assistant = assistantOf(gateway);
  });
  afterAll(() => gateway.close());

  const search = (text: string, first = 3) =>
    gateway.query('query ($text: String!, $first: Int) { searchProducts(text: $text, first: $first) { sku name } }', {
      variables: { text, first },
    });

  it('embeds the query and every product in one call, and ranks warm winter things first', async () => {
    let result!: Result;
    const inputs = await embeddingInputsDuring(assistant, async () => {
      result = await search('warm winter jacket');
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({
      searchProducts: [
        { sku: 'JKT-001', name: 'Alpine Down Jacket' },
        { sku: 'GLV-001', name: 'Thermal Gloves' },
        { sku: 'BOT-001', name: 'Insulated Winter Boots' },
      ],
    });
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toHaveLength(13);
    expect((inputs[0] as string[])[0]).toBe('warm winter jacket');
    expect(usageOf(result.body)).toMatchObject({ calls: 1, cachedAnswers: 0 });
  });

  it('makes no call and spends no tokens on a repeat', async () => {
    let result!: Result;
    const calls = await callsDuring(assistant, async () => {
      result = await search('warm winter jacket');
    });
    expect(calls).toHaveLength(0);
    expect((result.body.data?.['searchProducts'] as { sku: string }[])[0]?.sku).toBe('JKT-001');
    expect(usageOf(result.body)).toEqual({ calls: 0, cachedAnswers: 13, tokens: { prompt: 0, completion: 0, embedding: 0, total: 0 } });
  });

  it('embeds only the new query text for a new search', async () => {
    let result!: Result;
    const inputs = await embeddingInputsDuring(assistant, async () => {
      result = await search('shorts for the beach', 1);
    });
    expect(inputs).toEqual([['shorts for the beach']]);
    expect(result.body.data).toEqual({ searchProducts: [{ sku: 'SHR-001', name: 'Linen Shorts' }] });
  });

  it('refuses a negative first with BAD_USER_INPUT before calling anything', async () => {
    const calls = await callsDuring(assistant, async () => {
      const result = await search('boots', -1);
      expect(errorAt(result.body, 'searchProducts').extensions?.['code']).toBe('BAD_USER_INPUT');
    });
    expect(calls).toHaveLength(0);
  });
});

describe('the per-caller token budget', () => {
  let gateway: TestGateway;
  let assistant: DemoAssistant;
  const agent = async (subject: string) => ({ authorization: `Bearer ${await testToken(subject, ['assistant:use'])}` });
  beforeAll(async () => {
    gateway = await startTestGateway({ configEnv: { INFERENCE_TOKEN_BUDGET_PER_HOUR: '100' } });
    assistant = assistantOf(gateway);
  });
  afterAll(() => gateway.close());

  const ask = async (subject: string, message: string) =>
    gateway.query('query ($message: String!) { assistant(message: $message) { intent } products { sku } }', {
      variables: { message },
      headers: await agent(subject),
    });

  it('stops a caller’s inference with RATE_LIMITED once the budget is spent, calling nothing, while the rest answers', async () => {
    const first = await ask('budget-a', 'Where is my order?');
    const second = await ask('budget-a', 'I would like a refund for my jacket');
    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    expect(usageOf(first.body).tokens.total + usageOf(second.body).tokens.total).toBeGreaterThan(100);

    let refused!: Result;
    const calls = await callsDuring(assistant, async () => {
      refused = await ask('budget-a', 'My card was declined');
    });
    expect(calls).toHaveLength(0);
    expect(refused.body.data?.['assistant']).toBeNull();
    expect(refused.body.data?.['products']).toHaveLength(12);
    const error = errorAt(refused.body, 'assistant');
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', source: 'assistant', retryable: true, reason: 'token_budget' });
    expect(error.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    expect(usageOf(refused.body)).toEqual({ calls: 0, cachedAnswers: 0, tokens: { prompt: 0, completion: 0, embedding: 0, total: 0 } });
  });

  it('still serves answers from the cache, which cost nothing', async () => {
    const cached = await ask('budget-a', 'Where is my order?');
    expect(cached.body.errors).toBeUndefined();
    expect(usageOf(cached.body).cachedAnswers).toBe(1);
  });

  it('keeps each caller’s budget apart', async () => {
    const other = await ask('budget-b', 'My card was declined');
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data?.['assistant']).toEqual({ intent: 'PAYMENT_ISSUE' });
  });

  it('budgets all anonymous callers together', async () => {
    const summaries = await gateway.query('{ products { summary } }');
    expect(summaries.body.errors).toBeUndefined();
    const calls = await callsDuring(assistant, async () => {
      const search = await gateway.query('{ searchProducts(text: "boots") { sku } }');
      expect(errorAt(search.body, 'searchProducts').extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'token_budget' });
    });
    expect(calls).toHaveLength(0);
  });
});

describe('inference sources declared in SDL', () => {
  const API_KEY = 'test-inference-key';
  let assistant: DemoAssistant;
  let shop: Awaited<ReturnType<typeof startDemoShop>>;
  let gateway: TestGateway;
  const typeDefs = /* GraphQL */ `
    extend schema
      @source(name: "shop", rest: { baseURL: "{env.SHOP_URL}", headers: [{ name: "x-api-key", value: "shop-key" }] })
      @source(name: "models", inference: { baseURL: "{env.MODELS_URL}", apiKey: "{env.MODELS_KEY}", model: "${DEMO_CHAT_MODEL}", embeddingModel: "${DEMO_EMBEDDING_MODEL}" }, timeoutMs: 300)
    type Product {
      sku: ID!
      embedding: [Float!] @embedding(source: "models", input: "{parent.description}", maxBatchSize: 5)
    }
    type Query {
      products: [Product!]! @rest(source: "shop", path: "/products")
      answer(message: String!): String @inference(source: "models", prompt: "{args.message}")
      greeting: String @inference(source: "models", prompt: "Say hello to {claims.sub}.")
      creative(message: String!): String @inference(source: "models", prompt: "{args.message}", temperature: 0.8)
    }
  `;
  beforeAll(async () => {
    assistant = await startDemoAssistant({ apiKey: API_KEY });
    shop = await startDemoShop({ apiKey: 'shop-key' });
    gateway = await startTestGateway({
      typeDefs: [typeDefs],
      env: { SHOP_URL: shop.url, MODELS_URL: `${assistant.url}/v1`, MODELS_KEY: API_KEY },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([assistant.close(), shop.close()]);
  });

  it('splits embeddings at the field’s maxBatchSize', async () => {
    const inputs = await embeddingInputsDuring(assistant, () => gateway.query('{ products { embedding } }'));
    expect(inputs.map((input) => (input as string[]).length)).toEqual([5, 5, 2]);
  });

  it('answers UPSTREAM_TIMEOUT when the model takes longer than the source’s timeoutMs', async () => {
    const started = Date.now();
    const result = await gateway.query('{ answer(message: "Where is my order? #slow") }');
    expect(errorAt(result.body, 'answer').extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'models', retryable: true });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('caches an answer that reads the caller’s claims per caller only, and never for anonymous callers', async () => {
    const as = async (subject: string) => ({ authorization: `Bearer ${await testToken(subject)}` });
    const calls = await callsDuring(assistant, async () => {
      await gateway.query('{ greeting }', { headers: await as('ada') });
      await gateway.query('{ greeting }', { headers: await as('ada') });
      await gateway.query('{ greeting }', { headers: await as('grace') });
      await gateway.query('{ greeting }');
      await gateway.query('{ greeting }');
    });
    expect(calls).toHaveLength(4);
  });

  it('never caches an answer sampled above temperature 0, and shares nothing between its resolutions', async () => {
    const calls = await callsDuring(assistant, async () => {
      await gateway.query('{ a: creative(message: "A poem") b: creative(message: "A poem") }');
      await gateway.query('{ creative(message: "A poem") }');
    });
    expect(calls).toHaveLength(3);
    expect((assistant.calls[assistant.calls.length - 1]?.body as { temperature: number }).temperature).toBe(0.8);
  });
});
