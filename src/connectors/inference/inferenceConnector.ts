import { optionalInt, optionalString } from '../../schema/readArgs';
import { readSourceHeaders } from '../readSourceHeaders';
import { compiledField, compiledStream, type Connector, type SourceCompileInput } from '../Connector';
import { parseBaseURL } from '../parseBaseURL';
import { compileEmbeddingField } from './compileEmbeddingField';
import { compileInferenceField } from './compileInferenceField';
import { compileSimilarityField } from './compileSimilarityField';
import { compileStreamedInferenceField } from './compileStreamedInferenceField';
import { createInferenceStream } from './createInferenceStream';
import { createEmbeddingResolver } from './createEmbeddingResolver';
import { createInferenceResolver } from './createInferenceResolver';
import { createSimilarityResolver } from './createSimilarityResolver';
import { INFERENCE_DEFAULTS, type InferenceSourceConfig } from './InferenceSourceConfig';

export const inferenceTypeDefs = /* GraphQL */ `
  "An OpenAI-compatible API: OpenAI, vLLM, Ollama, a cloud provider's serverless inference."
  input InferenceSource {
    "API root including its version path, e.g. https://api.openai.com/v1 or http://localhost:11434/v1."
    baseURL: String!
    "Sent as Authorization: Bearer …, e.g. {env.INFERENCE_API_KEY}; leave out for a local server without keys."
    apiKey: String
    "Chat model of @inference fields."
    model: String!
    "Embedding model of @embedding and @similarity fields (default: model)."
    embeddingModel: String
    "Headers sent with every call."
    headers: [TemplateHeader!]
    "Most retries of a call answered 429 or 503 with a Retry-After header (default 2)."
    maxRetries: Int
    "Longest Retry-After waited for before a retry, in milliseconds (default 5000); a longer one is answered as it is."
    maxRetryWaitMs: Int
    "Longest silence between two pieces of a streamed reply, in milliseconds (default 30000); the source's timeoutMs bounds the wait for the answer to start."
    streamIdleTimeoutMs: Int
  }

  "Resolves the field with a model's answer: text for String, JSON validated against the field's type otherwise."
  directive @inference(
    source: String!
    "System message template."
    system: String
    "User message template, e.g. {args.message}."
    prompt: String!
    "Sampling temperature; 0 (the default) is deterministic, and its answers are cached (@source cacheMaxAge, or the field's @cacheControl)."
    temperature: Float = 0
    "Most tokens the model may answer with; an answer cut off there is an error, never half an answer."
    maxTokens: Int
    "On a Subscription field: stream the reply as it is written, as events of the field's type (delta, done, reply, usage), the last one with the validated answer. Never cached."
    stream: Boolean = false
  ) on FIELD_DEFINITION

  "Resolves a [Float!] field with the embedding of a text. N parents make one batched call."
  directive @embedding(
    source: String!
    "Text template, e.g. {parent.name}: {parent.description}."
    input: String!
    "Most texts in one call (default: the source's maxBatchSize)."
    maxBatchSize: Int
  ) on FIELD_DEFINITION

  "Resolves a list field with another field's list, ranked by the cosine similarity of embeddings to a query, most similar first."
  directive @similarity(
    source: String!
    "Field of the same type whose list is ranked, e.g. products."
    candidates: String!
    "Text to rank by, e.g. {args.text}."
    query: String!
    "Each candidate's text, with the candidate as {parent…}, e.g. {parent.name}: {parent.description}."
    document: String!
    "How many to return, e.g. {args.first}; all when it renders to nothing."
    first: String
    "Most texts in one call (default: the source's maxBatchSize)."
    maxBatchSize: Int
  ) on FIELD_DEFINITION
`;

/** OpenAI-compatible model APIs: `@source(inference: {…})`, `@inference`, `@embedding` and `@similarity`. */
export const inferenceConnector: Connector = {
  kind: 'inference',
  typeDefs: inferenceTypeDefs,
  gatewayNames: ['inference', 'embedding', 'similarity', 'InferenceSource'],
  settingDefaults: { timeoutMs: INFERENCE_DEFAULTS.timeoutMs, cacheMaxAgeSeconds: INFERENCE_DEFAULTS.cacheMaxAgeSeconds },
  compileSource: compileInferenceSource,
  fieldDirectives: {
    inference: (context, args) =>
      args['stream'] === true
        ? compiledStream(compileStreamedInferenceField(context, args), createInferenceStream)
        : compiledField(compileInferenceField(context, args), createInferenceResolver),
    embedding: (context, args) => compiledField(compileEmbeddingField(context, args), createEmbeddingResolver),
    similarity: (context, args) => compiledField(compileSimilarityField(context, args), createSimilarityResolver),
  },
};

function compileInferenceSource({
  args,
  settings,
  coordinate,
  interpolate,
  problems,
}: SourceCompileInput): InferenceSourceConfig | undefined {
  const before = problems.size;
  const baseURL = interpolate(optionalString(args, 'baseURL') ?? '', 'baseURL');
  const apiKeyText = optionalString(args, 'apiKey');
  const apiKey = apiKeyText === undefined ? undefined : interpolate(apiKeyText, 'apiKey');
  const model = interpolate(optionalString(args, 'model') ?? '', 'model');
  const embeddingModelText = optionalString(args, 'embeddingModel');
  const embeddingModel = embeddingModelText === undefined ? model : interpolate(embeddingModelText, 'embeddingModel');
  const headers = readSourceHeaders(args, interpolate);
  const nonNegative = (name: 'maxRetries' | 'maxRetryWaitMs' | 'streamIdleTimeoutMs'): number => {
    const value = optionalInt(args, name);
    if (value === undefined) return INFERENCE_DEFAULTS[name];
    if (value < 0) problems.add(coordinate, `inference.${name} must not be negative, got ${value}`);
    return value;
  };
  const maxRetries = nonNegative('maxRetries');
  const maxRetryWaitMs = nonNegative('maxRetryWaitMs');
  const streamIdleTimeoutMs = nonNegative('streamIdleTimeoutMs');
  if (streamIdleTimeoutMs === 0) problems.add(coordinate, 'inference.streamIdleTimeoutMs must be positive');
  if (baseURL === undefined || model === undefined || embeddingModel === undefined) return undefined;
  const url = parseBaseURL(baseURL);
  if (url === undefined) problems.add(coordinate, `baseURL "${baseURL}" is not an absolute http(s) URL`);
  if (model.trim() === '') problems.add(coordinate, 'inference.model must name a model');
  if (problems.size > before || url === undefined) return undefined;
  return Object.freeze({
    kind: 'inference',
    ...settings,
    baseURL: url,
    apiKey: apiKey === '' ? undefined : apiKey,
    model,
    embeddingModel,
    headers: Object.freeze(headers),
    streamIdleTimeoutMs,
    // The source's one retry policy (planRetry): model calls are POSTs, sent again only after a
    // 429 or 503 whose Retry-After is within maxRetryWaitMs.
    resilience: Object.freeze({ ...settings.resilience, attempts: maxRetries + 1, maxDelayMs: maxRetryWaitMs }),
  });
}
