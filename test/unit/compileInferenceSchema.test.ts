import { createCacheStore } from '../../src/cache/createCacheStore';
import { loadConfig } from '../../src/config/loadConfig';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import { SchemaCompileError, type SchemaProblem } from '../../src/schema/SchemaProblem';
import { rejectionOf, thrownBy } from './thrownBy';

const transport = new HttpTransport();
const cache = createCacheStore({ namespace: 'test' });
const runtime = { transport, cache, metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(async () => {
  await transport.close();
  await cache.close();
});

const SOURCES = `
  extend schema
    @source(name: "models", inference: { baseURL: "{env.MODELS_URL}/", model: "chat-1" })
    @source(name: "shop", rest: { baseURL: "https://shop.example.com" })
`;
const ENV = { MODELS_URL: 'https://models.example.com/v1' };

async function problemsOf(sdl: string): Promise<SchemaProblem[]> {
  const error = await rejectionOf(() => compileSchema({ typeDefs: [SOURCES, sdl], env: ENV, ...runtime }));
  expect(error).toBeInstanceOf(SchemaCompileError);
  return [...(error as SchemaCompileError).problems].sort((a, b) =>
    `${a.coordinate}${a.message}`.localeCompare(`${b.coordinate}${b.message}`),
  );
}

describe('compiling inference sources and fields', () => {
  it('fills in an inference source’s own defaults: a 60 s timeout, a day of caching, the chat model for embeddings', async () => {
    const { sources } = await compileSchema({
      typeDefs: [SOURCES, 'type Query { a: String @inference(source: "models", prompt: "Hi") }'],
      env: ENV,
      ...runtime,
    });
    expect(sources.get('models')).toMatchObject({
      kind: 'inference',
      name: 'models',
      baseURL: 'https://models.example.com/v1',
      apiKey: undefined,
      model: 'chat-1',
      embeddingModel: 'chat-1',
      headers: {},
      // maxRetries 2 and maxRetryWaitMs 5000 by default: the source's one retry policy.
      resilience: expect.objectContaining({ attempts: 3, maxDelayMs: 5000 }) as unknown,
      timeoutMs: 60_000,
      maxResponseBytes: 16 * 1024 * 1024,
      maxBatchSize: 100,
      cacheMaxAgeSeconds: 86_400,
    });
    expect(sources.get('shop')).toMatchObject({ timeoutMs: 10_000, cacheMaxAgeSeconds: 0 });
  });

  it('reports every problem of inference fields with its coordinate', async () => {
    const problems = await problemsOf(`
      union Either = Query | Thing
      type Thing { id: ID! similar(text: String!): [Thing!]! @similarity(source: "models", candidates: "nope", query: "{args.text}", document: "{parent.id}") }
      type Query {
        a(message: String!): Either @inference(source: "models", prompt: "{args.message}")
        b: String @inference(source: "shop", prompt: "Hi")
        c: String @inference(source: "missing", prompt: "{args.nothing}", temperature: 3, maxTokens: 0)
        d: String @embedding(source: "models", input: "x")
        e: [Float!] @embedding(source: "models", input: "x", maxBatchSize: 0)
        things: [Thing!]!
        f(text: String!): [Thing!]! @similarity(source: "models", candidates: "a", query: "{args.text}", document: "{parent.id}")
        g(text: String!): [Thing!]! @similarity(source: "models", candidates: "things", query: "{args.text}", document: "{args.text}")
      }
    `);
    expect(problems).toEqual([
      {
        coordinate: 'Query.a',
        message:
          '@inference cannot answer Either: Either is an interface or union; a model can only answer object, enum, scalar and list types',
      },
      { coordinate: 'Query.b', message: '@inference source "shop" is a rest source, not an inference source' },
      { coordinate: 'Query.c', message: '@inference maxTokens must be a positive integer, got 0' },
      { coordinate: 'Query.c', message: '@inference prompt: {args.nothing} names an argument the field does not have' },
      { coordinate: 'Query.c', message: '@inference source "missing" is not declared with @source' },
      { coordinate: 'Query.c', message: '@inference temperature must be between 0 and 2, got 3' },
      { coordinate: 'Query.d', message: "@embedding returns a vector: the field's type must be [Float!] or [Float!]!, not String" },
      { coordinate: 'Query.e', message: '@embedding maxBatchSize must be a positive integer, got 0' },
      { coordinate: 'Query.f', message: '@similarity candidates Query.a has required arguments (message)' },
      { coordinate: 'Query.f', message: '@similarity candidates Query.a must return a list of Thing' },
      { coordinate: 'Query.g', message: '@similarity document: {args.text} names an argument the field does not have' },
      { coordinate: 'Thing.similar', message: '@similarity candidates "nope" must name another field of Thing' },
    ]);
  });

  it('removes the inference directives and their input type from the served schema', async () => {
    const { schema } = await compileSchema({
      typeDefs: [SOURCES, 'type Query { a: String @inference(source: "models", prompt: "Hi") }'],
      env: ENV,
      ...runtime,
    });
    for (const name of ['inference', 'embedding', 'similarity']) expect(schema.getDirective(name)).toBeUndefined();
    expect(schema.getType('InferenceSource')).toBeUndefined();
  });
});

describe('INFERENCE_TOKEN_BUDGET_PER_HOUR', () => {
  it('is a positive number of tokens, or unset for no budget', () => {
    expect(loadConfig({}).inferenceTokenBudgetPerHour).toBeUndefined();
    expect(loadConfig({ INFERENCE_TOKEN_BUDGET_PER_HOUR: '50000' }).inferenceTokenBudgetPerHour).toBe(50_000);
    expect(thrownBy(() => loadConfig({ INFERENCE_TOKEN_BUDGET_PER_HOUR: '0' })).message).toContain(
      'INFERENCE_TOKEN_BUDGET_PER_HOUR must be a positive number of tokens',
    );
    expect(thrownBy(() => loadConfig({ INFERENCE_TOKEN_BUDGET_PER_HOUR: 'lots' })).message).toContain(
      'INFERENCE_TOKEN_BUDGET_PER_HOUR must be a non-negative integer',
    );
  });
});
