import { UpstreamCache } from '../../cache/UpstreamCache';
import { createLoadingResolver } from '../../execution/createLoadingResolver';
import type { RequestContext } from '../../execution/RequestContext';
import type { ConnectorRuntime } from '../Connector';
import { modelRequestOf } from './buildModelRequest';
import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { InferenceMeter } from './InferenceMeter';
import { parseEmbeddingReply } from './parseEmbeddingReply';
import { sendModelCall } from './sendModelCall';

export interface EmbeddingTarget {
  readonly source: InferenceSourceConfig;
  readonly maxBatchSize: number;
  /** A template reads `{claims…}`: embeddings belong to the caller (cached per subject). */
  readonly perCaller: boolean;
}

/** The embedding of a text, loaded within one request; null for a blank text. */
export type EmbedText = (text: string, context: RequestContext) => Promise<number[] | null>;

/**
 * Embeds texts on the loading core every connector shares, as a batched call whose keys are the
 * texts: every text asked for in the same tick — by `@embedding` fields of N parents, or by a
 * `@similarity` ranking — goes into one `/embeddings` call with an array input (split every
 * `maxBatchSize` texts). Fields of the same source, model and partition share the loader, so they
 * share the call. Embeddings are deterministic, so each text is looked up in the upstream cache
 * first (for the source's `cacheMaxAge`): a text embedded before costs no call and no tokens, and
 * only the texts not in the cache are sent.
 */
export function createEmbeddingLoader(target: EmbeddingTarget, runtime: ConnectorRuntime): EmbedText {
  const { source, maxBatchSize, perCaller } = target;
  const meter = new InferenceMeter(runtime, source.name);
  const embeddingRequest = modelRequestOf(source, '/embeddings');
  const model = source.embeddingModel;
  // What every batch shares: the texts are its keys.
  const batchRequest = embeddingRequest({ model, encoding_format: 'float' });
  const call = { operation: 'embeddings', source: source.name, model } as const;
  const loading = createLoadingResolver({
    coordinate: ['inference:embeddings', source.name, model, perCaller ? 'caller' : 'shared', maxBatchSize].join('\n'),
    idempotent: true,
    maxBatchSize,
    returnsList: false,
    cache:
      source.cacheMaxAgeSeconds > 0
        ? new UpstreamCache(
            runtime.cache,
            { ttlSeconds: source.cacheMaxAgeSeconds, scope: perCaller ? 'PRIVATE' : 'PUBLIC' },
            source.name,
            // Keyed by model and text, not by field: every field embedding the same text shares it.
            `embeddings ${model}`,
            runtime.metrics,
          )
        : undefined,
    onCacheHit: (context, count) => context.audit.inference.cached(count),
    // Texts come through `load`; used as a resolver, its parent would be the text.
    plan: (scope) => ({ request: batchRequest, batchKeys: [String(scope.parent)] }),
    fetch: (request, context) => sendModelCall(runtime.transport, meter, call, request, context),
    batch: {
      withKeys: (_call, texts) => embeddingRequest({ model, input: texts, encoding_format: 'float' }),
      align: (reply, texts) => parseEmbeddingReply(source.name, reply, texts.length),
    },
    select: (vector) => vector,
  });
  return async (text, context) =>
    text.trim() === '' ? null : ((await loading.load({ request: batchRequest, batchKeys: [text] }, context)) as number[]);
}
