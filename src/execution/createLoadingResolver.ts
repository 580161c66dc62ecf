import DataLoader from 'dataloader';
import type { UpstreamCache } from '../cache/UpstreamCache';
import { UpstreamTimeoutError } from '../errors/UpstreamTimeoutError';
import type { UpstreamRequest } from '../http/UpstreamRequest';
import { upstreamRequestKey } from '../http/UpstreamRequest';
import type { FieldResolver } from '../schema/FieldResolver';
import type { TemplateScope } from '../templates/renderTemplate';
import type { RequestContext } from './RequestContext';
import { toErrorValue } from './toErrorValue';

/** One resolution's upstream call, as a connector plans it. */
export interface PlannedCall {
  /** The call; for a batched field, the part shared by all keys (it identifies the batch). */
  readonly request: UpstreamRequest;
  /** For a batched field: this parent's keys (none when the parent has no key). */
  readonly batchKeys?: readonly string[] | undefined;
  /** What the connector needs to build the batched call (e.g. the rendered input without keys). */
  readonly batchPayload?: unknown;
}

export interface LoadingResolverOptions {
  /** Schema coordinate; loaders are per field and per request. */
  readonly coordinate: string;
  readonly idempotent: boolean;
  readonly maxBatchSize: number;
  readonly returnsList: boolean;
  /** Plans the call for one parent (pure; throws BadUserInputError for unusable arguments). */
  plan(scope: TemplateScope): PlannedCall;
  /** Sends one call and decodes its answer (before `select`). */
  fetch(request: UpstreamRequest, context: RequestContext): Promise<unknown>;
  /** For batched fields: the call for a set of keys, and how to align its answer with them. */
  readonly batch?: {
    withKeys(call: PlannedCall, keys: readonly string[]): UpstreamRequest;
    align(data: unknown, keys: readonly string[]): unknown[];
  };
  /** Picks the field's value out of one decoded item (or list). */
  select(data: unknown): unknown;
  /** Reuses decoded answers (per key, for a batch) when the field's cache policy allows. */
  readonly cache?: UpstreamCache | undefined;
}

/**
 * A resolver whose every upstream call goes through a per-request DataLoader. A batched field
 * turns N parents into one call per `maxBatchSize` keys; any other field makes at most one call
 * per distinct request — except a non-idempotent call, which is made once per resolution and
 * never shared, even within a request.
 */
export function createLoadingResolver(options: LoadingResolverOptions): FieldResolver {
  const { coordinate, batch, cache } = options;

  /** Every call ends by the request's deadline: its own timeout shrinks to what is left. */
  const send = (request: UpstreamRequest, context: RequestContext): Promise<unknown> => {
    const remainingMs = context.deadline - Date.now();
    if (remainingMs <= 0) return Promise.reject(new UpstreamTimeoutError(request.source, 0, { extensions: { deadline: 'request' } }));
    return options.fetch(remainingMs < request.timeoutMs ? { ...request, timeoutMs: remainingMs } : request, context);
  };

  const fetchOne = async (request: UpstreamRequest, context: RequestContext): Promise<unknown> => {
    const partition = cache?.partitionFor(context.caller);
    if (!cache || !partition) return send(request, context);
    const key = cache.keyFor(upstreamRequestKey(request), partition);
    const [hit] = await cache.lookup([key]);
    if (hit) return hit.value;
    const value = await send(request, context);
    cache.save(key, value);
    return value;
  };

  /** A batch asks upstream only for the keys the cache does not have, and caches each answer by key. */
  const fetchBatch = async (call: PlannedCall, keys: readonly string[], batching: NonNullable<typeof batch>, context: RequestContext) => {
    const partition = cache?.partitionFor(context.caller);
    if (!cache || !partition) return batching.align(await send(batching.withKeys(call, keys), context), keys);
    const group = upstreamRequestKey(call.request);
    const cacheKeys = keys.map((key) => cache.keyFor(`${group}\n${key}`, partition));
    const hits = await cache.lookup(cacheKeys);
    const missing = keys.filter((_, index) => hits[index] === undefined);
    const fetched = missing.length > 0 ? batching.align(await send(batching.withKeys(call, missing), context), missing) : [];
    const byKey = new Map(missing.map((key, index) => [key, fetched[index]]));
    return keys.map((key, index) => {
      const hit = hits[index];
      if (hit) return hit.value;
      const value = byKey.get(key);
      cache.save(cacheKeys[index] as string, value ?? null);
      return value;
    });
  };

  const singleLoader = (context: RequestContext) =>
    context.loaders.get(
      coordinate,
      () =>
        new DataLoader<UpstreamRequest, unknown, string>(
          (requests) => Promise.all(requests.map((request) => fetchOne(request, context).catch(toErrorValue))),
          { batch: false, cache: options.idempotent, cacheKeyFn: upstreamRequestKey },
        ),
    );
  const batchLoader = (context: RequestContext, call: PlannedCall, batching: NonNullable<typeof batch>) =>
    context.loaders.get(
      `${coordinate}\n${upstreamRequestKey(call.request)}`,
      () => new DataLoader<string, unknown>((keys) => fetchBatch(call, keys, batching, context), { maxBatchSize: options.maxBatchSize }),
    );

  // Not `async`: on the hot path each resolution is one loader promise and one `then`.
  return (parent, args, context) => {
    const call = options.plan({ args, parent, claims: context.caller.claims });
    const { batchKeys } = call;
    if (batchKeys === undefined || batch === undefined) {
      return singleLoader(context).load(call.request).then(options.select);
    }
    const [firstKey] = batchKeys;
    if (firstKey === undefined) return options.returnsList ? [] : null;
    const loader = batchLoader(context, call, batch);
    if (batchKeys.length === 1) return loader.load(firstKey).then(options.select);
    return loader.loadMany(batchKeys).then((results) => {
      const failure = results.find((result): result is Error => result instanceof Error);
      if (failure) throw failure;
      return options.select(options.returnsList ? results.flat() : results[0]);
    });
  };
}
