import DataLoader from 'dataloader';
import { inModelSpan } from '../../observability/tracing/inModelSpan';
import { UpstreamCache } from '../../cache/UpstreamCache';
import type { RequestContext } from '../../execution/RequestContext';
import { toErrorValue } from '../../execution/toErrorValue';
import type { ConnectorRuntime } from '../Connector';
import { createInferenceClient } from './createInferenceClient';
import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { InferenceMeter } from './InferenceMeter';
import { parseEmbeddingReply } from './parseEmbeddingReply';
import { readTokenUsage } from './readTokenUsage';

export interface EmbeddingTarget {
  readonly source: InferenceSourceConfig;
  readonly maxBatchSize: number;
  /** A template reads `{claims…}`: embeddings belong to the caller (cached per subject). */
  readonly perCaller: boolean;
}

/** Loads the embedding of a text, within one request. */
export type EmbeddingLoader = DataLoader<string, number[]>;

/**
 * Per-request loaders of embeddings: every text asked for in the same tick — by `@embedding`
 * fields of N parents, or by a `@similarity` ranking — goes into one `/embeddings` call with an
 * array input (split every `maxBatchSize` texts). Fields of the same source, model and partition
 * share a loader, so they share the call. Embeddings are deterministic, so each text is looked up
 * in the upstream cache first (for the source's `cacheMaxAge`): a text embedded before costs no
 * call and no tokens, and only the texts not in the cache are sent.
 */
export function createEmbeddingLoader(target: EmbeddingTarget, runtime: ConnectorRuntime): (context: RequestContext) => EmbeddingLoader {
  const { source, maxBatchSize, perCaller } = target;
  const client = createInferenceClient(source, runtime.transport);
  const meter = new InferenceMeter(runtime, source.name);
  const cache =
    source.cacheMaxAgeSeconds > 0
      ? new UpstreamCache(
          runtime.cache,
          { ttlSeconds: source.cacheMaxAgeSeconds, scope: perCaller ? 'PRIVATE' : 'PUBLIC' },
          source.name,
          // Keyed by model and text, not by field: every field embedding the same text shares it.
          `embeddings ${source.embeddingModel}`,
          runtime.metrics,
        )
      : undefined;
  const id = ['inference:embeddings', source.name, source.embeddingModel, perCaller ? 'caller' : 'shared', maxBatchSize].join('\n');

  const embed = async (texts: readonly string[], context: RequestContext): Promise<(number[] | Error)[]> => {
    const partition = cache?.partitionFor(context.caller);
    const keys = cache && partition ? texts.map((text) => cache.keyFor(text, partition)) : undefined;
    const results: (number[] | Error | undefined)[] =
      cache && keys ? (await cache.lookup(keys)).map((entry) => entry?.value as number[] | undefined) : texts.map(() => undefined);
    const missing = results.flatMap((result, index) => (result === undefined ? [index] : []));
    if (missing.length < texts.length) context.audit.inference.cached(texts.length - missing.length);
    if (missing.length === 0) return results as number[][];
    try {
      await meter.admit(context);
      const reply = await inModelSpan(
        { operation: 'embeddings', source: source.name, model: source.embeddingModel },
        () =>
          client.embed(
            { model: source.embeddingModel, input: missing.map((index) => texts[index] as string), encoding_format: 'float' },
            context,
          ),
        (answer) => readTokenUsage(answer, 'embedding'),
      );
      await meter.record(context, readTokenUsage(reply, 'embedding'));
      const vectors = parseEmbeddingReply(source.name, reply, missing.length);
      missing.forEach((index, position) => {
        const vector = vectors[position] as number[];
        results[index] = vector;
        if (cache && keys) cache.save(keys[index] as string, vector);
      });
    } catch (error) {
      for (const index of missing) results[index] = toErrorValue(error);
    }
    return results as (number[] | Error)[];
  };

  return (context) => context.loaders.get(id, () => new DataLoader<string, number[]>((texts) => embed(texts, context), { maxBatchSize }));
}
