import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';
import type { HttpTransport } from '../../http/HttpTransport';
import type { RequestContext } from '../../execution/RequestContext';
import { UpstreamTimeoutError } from '../../errors/UpstreamTimeoutError';
import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { toInferenceError } from './toInferenceError';
import { transportFetch } from './transportFetch';

/** The calls the inference connector makes; answers are returned untyped, to be parsed where they enter. */
export interface InferenceClient {
  complete(request: ChatCompletionCreateParamsNonStreaming, context: RequestContext): Promise<unknown>;
  embed(request: EmbeddingCreateParams, context: RequestContext): Promise<unknown>;
}

const noDirectFetch: typeof fetch = () => Promise.reject(new Error('inference calls go through the transport'));

/**
 * The official OpenAI client for one source, with its HTTP sent through the gateway's transport
 * (`transportFetch`), its own retries off and its own timeout beyond the source's deadline (so the
 * transport's fires first). Each call gets a fetch bound to its request, which counts the call
 * (and each retry) for the request's audit line and `extensions.inference`, and whose deadline is
 * the source's `timeoutMs` or what is left of the request's, whichever ends first.
 */
export function createInferenceClient(source: InferenceSourceConfig, transport: HttpTransport): InferenceClient {
  const base = new OpenAI({
    baseURL: source.baseURL,
    // The client insists on a key; transportFetch drops the header when the source has none.
    apiKey: source.apiKey ?? 'none',
    organization: null,
    project: null,
    defaultHeaders: source.headers,
    maxRetries: 0,
    timeout: source.timeoutMs + 1000,
    logLevel: 'off',
    fetch: noDirectFetch,
  });
  const clientFor = (context: RequestContext) => {
    // Like every upstream call, a model call ends by the request's deadline (REQUEST_TIMEOUT_MS).
    const remainingMs = context.deadline - Date.now();
    if (remainingMs <= 0) throw new UpstreamTimeoutError(source.name, 0, { extensions: { deadline: 'request' } });
    return base.withOptions({
      fetch: transportFetch(transport, source, {
        timeoutMs: Math.min(source.timeoutMs, remainingMs),
        beforeAttempt: () => {
          context.audit.upstreamCall(source.name);
          context.audit.inference.call();
        },
      }),
    });
  };
  return {
    async complete(request, context) {
      try {
        return await clientFor(context).chat.completions.create(request);
      } catch (error) {
        throw toInferenceError(source, error);
      }
    },
    async embed(request, context) {
      try {
        return await clientFor(context).embeddings.create(request);
      } catch (error) {
        throw toInferenceError(source, error);
      }
    },
  };
}
