import DataLoader from 'dataloader';
import { cacheKey } from '../../cache/cacheKey';
import type { RequestContext } from '../../execution/RequestContext';
import { toErrorValue } from '../../execution/toErrorValue';
import type { ConnectorRuntime } from '../Connector';
import { createInferenceClient } from './createInferenceClient';
import { inferenceCachePartition } from './inferenceCachePartition';
import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { InferenceMeter } from './InferenceMeter';
import { parseEmbeddingReply } from './parseEmbeddingReply';
import { readTokenUsage } from './readTokenUsage';

export interface EmbeddingTarget {
  readonly source: InferenceSourceConfig;
  readonly maxBatchSize: number;
  /** Embeddings are cached per caller (a template reads `{claims…}`). */
  readonly perCaller: boolean;
}

/** Loads the embedding of a text, within one request. */
export type EmbeddingLoader = DataLoader<string, number[]>;

/**
 * Per-request loaders of embeddings: every text asked for in the same tick — by `@embedding`
 * fields of N parents, or by a `@similarity` ranking — goes into one `/embeddings` call with an
 * array input (split every `maxBatchSize` texts). Fields of the same source, model and cache
 * partition share a loader, so they share the call. Embeddings are deterministic, so each text is
 * looked up in the cache first: a text embedded before costs no call and no tokens.
 */
export function createEmbeddingLoader(target: EmbeddingTarget, runtime: ConnectorRuntime): (context: RequestContext) => EmbeddingLoader {
  const { source, maxBatchSize, perCaller } = target;
  const client = createInferenceClient(source, runtime.transport);
  const meter = new InferenceMeter(runtime, source.name);
  const id = ['inference:embeddings', source.name, source.embeddingModel, perCaller ? 'caller' : 'shared', maxBatchSize].join('\n');

  const embed = async (texts: readonly string[], context: RequestContext): Promise<(number[] | Error)[]> => {
    const partition = inferenceCachePartition(perCaller, context.caller);
    const keys = texts.map((text) => cacheKey(source.name, JSON.stringify(['embedding', source.embeddingModel, text]), partition));
    const caching = source.cacheTtlSeconds > 0;
    const results: (number[] | Error | undefined)[] = caching ? await Promise.all(keys.map((key) => runtime.cache.get<number[]>(key))) : texts.map(() => undefined);
    const missing = results.flatMap((result, index) => (result === undefined ? [index] : []));
    if (missing.length < texts.length) context.audit.inference.cached(texts.length - missing.length);
    if (missing.length > 0) {
      try {
        await meter.admit(context);
        const reply = await client.embed({ model: source.embeddingModel, input: missing.map((index) => texts[index] as string), encoding_format: 'float' }, context);
        await meter.record(context, readTokenUsage(reply, 'embedding'));
        const vectors = parseEmbeddingReply(source.name, reply, missing.length);
        await Promise.all(
          missing.map(async (index, position) => {
            const vector = vectors[position] as number[];
            results[index] = vector;
            if (caching) await runtime.cache.set(keys[index] as string, vector, source.cacheTtlSeconds);
          }),
        );
      } catch (error) {
        for (const index of missing) results[index] = toErrorValue(error);
      }
    }
    return results as (number[] | Error)[];
  };

  return (context) => context.loaders.get(id, () => new DataLoader<string, number[]>((texts) => embed(texts, context), { maxBatchSize }));
}
