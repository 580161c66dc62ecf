import type { SourceConfig } from '../../schema/SourceConfig';

/** An OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, a cloud's serverless inference), as used. */
export interface InferenceSourceConfig extends SourceConfig {
  readonly kind: 'inference';
  /** API root including its version path, without a trailing slash, e.g. `https://api.openai.com/v1`. */
  readonly baseURL: string;
  /** Sent as `Authorization: Bearer …`; undefined for a local server that needs none. */
  readonly apiKey: string | undefined;
  /** Chat model of `@inference` fields. */
  readonly model: string;
  /** Embedding model of `@embedding` and `@similarity` fields. */
  readonly embeddingModel: string;
  /** Extra headers sent with every call (e.g. a gateway's routing header). */
  readonly headers: Readonly<Record<string, string>>;
  /** Longest silence between two pieces of a streamed reply (`@inference(stream: true)`). */
  readonly streamIdleTimeoutMs: number;
}

/** Defaults of an inference source where they differ from every source's. */
export const INFERENCE_DEFAULTS = Object.freeze({
  /** Models take seconds, not milliseconds, to answer. */
  timeoutMs: 60_000,
  /** Deterministic answers and embeddings are worth keeping: a repeat costs tokens and seconds. */
  cacheMaxAgeSeconds: 86_400,
  maxRetries: 2,
  maxRetryWaitMs: 5_000,
  streamIdleTimeoutMs: 30_000,
});
