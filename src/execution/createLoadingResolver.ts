import DataLoader from 'dataloader';
import type { UpstreamCache } from '../cache/UpstreamCache';
import { UpstreamTimeoutError } from '../errors/UpstreamTimeoutError';
import type { UpstreamRequest } from '../http/UpstreamRequest';
import { upstreamRequestKey } from '../http/UpstreamRequest';
import type { FieldResolver } from '../schema/FieldResolver';
import type { TemplateExpression } from '../templates/parseTemplate';
import type { TemplateScope } from '../templates/renderTemplate';
import { scopeKey } from '../templates/scopeKey';
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
  /**
   * Every template expression `plan` reads, when it reads nothing else: parents of a list that read
   * the same values then share one plan instead of rendering it again.
   */
  readonly reads?: readonly TemplateExpression[];
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
 * Resolves one field for many parents at once: one value per parent, aligned, with an `Error` in
 * the slot of each parent whose resolution failed. What the compiled executor calls for a field
 * under a list, instead of one resolver call (and several promises) per parent.
 */
export type ManyResolver = (parents: readonly unknown[], args: Record<string, unknown>, context: RequestContext) => Promise<unknown[]>;

/** A loading resolver: per parent for graphql-js, or for every parent of a list at once. */
export type LoadingResolver = FieldResolver & { readonly resolveMany: ManyResolver };

/**
 * A resolver whose every upstream call goes through a per-request DataLoader. A batched field
 * turns N parents into one call per `maxBatchSize` keys; any other field makes at most one call
 * per distinct request — except a non-idempotent call, which is made once per resolution and
 * never shared, even within a request.
 */
export function createLoadingResolver(options: LoadingResolverOptions): LoadingResolver {
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
  const resolve: FieldResolver = (parent, args, context) => {
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

  /**
   * Every parent's call is planned first; parents that plan the same request share one load, and a
   * batched field asks its loader once for the distinct keys of all parents.
   */
  const resolveMany: ManyResolver = async (parents, args, context) => {
    const results: unknown[] = new Array(parents.length);
    const claims = context.caller.claims;
    const loads = new Map<string, Promise<unknown>>();
    const loadOf: (Promise<unknown> | undefined)[] = new Array(parents.length);
    const keysOf: (readonly string[] | undefined)[] = new Array(parents.length);
    const groupOf: (string | undefined)[] = new Array(parents.length);
    const groups = new Map<string, { call: PlannedCall; keys: Set<string> }>();
    const planned = options.reads === undefined ? undefined : new Map<string, PlannedCall | Error>();
    for (let index = 0; index < parents.length; index++) {
      const scope = { args, parent: parents[index], claims };
      const memoKey = planned && scopeKey(options.reads as readonly TemplateExpression[], scope);
      let call = memoKey === undefined ? undefined : planned?.get(memoKey);
      if (call === undefined) {
        try {
          call = options.plan(scope);
        } catch (error) {
          call = toErrorValue(error);
        }
        if (memoKey !== undefined) planned?.set(memoKey, call);
      }
      if (call instanceof Error) {
        results[index] = call;
        continue;
      }
      const { batchKeys } = call;
      if (batchKeys === undefined || batch === undefined) {
        if (!options.idempotent) {
          loadOf[index] = singleLoader(context).load(call.request);
          continue;
        }
        const key = upstreamRequestKey(call.request);
        let load = loads.get(key);
        if (load === undefined) loads.set(key, (load = singleLoader(context).load(call.request)));
        loadOf[index] = load;
        continue;
      }
      if (batchKeys.length === 0) {
        results[index] = options.returnsList ? [] : null;
        continue;
      }
      const group = upstreamRequestKey(call.request);
      let entry = groups.get(group);
      if (entry === undefined) groups.set(group, (entry = { call, keys: new Set() }));
      for (const key of batchKeys) entry.keys.add(key);
      keysOf[index] = batchKeys;
      groupOf[index] = group;
    }
    const settled = new Map<Promise<unknown>, { value?: unknown; error?: Error }>();
    const byGroup = new Map<string, Map<string, unknown>>();
    const waits: Promise<void>[] = [];
    for (const load of new Set(loadOf)) {
      if (load === undefined) continue;
      waits.push(
        load.then(
          (value) => void settled.set(load, { value }),
          (error: unknown) => void settled.set(load, { error: toErrorValue(error) }),
        ),
      );
    }
    for (const [group, { call, keys }] of groups) {
      const distinct = [...keys];
      waits.push(
        batchLoader(context, call, batch as NonNullable<typeof batch>)
          .loadMany(distinct)
          .then((values) => void byGroup.set(group, new Map(distinct.map((key, index) => [key, values[index]])))),
      );
    }
    await Promise.all(waits);
    for (let index = 0; index < parents.length; index++) {
      try {
        const load = loadOf[index];
        if (load !== undefined) {
          const outcome = settled.get(load);
          results[index] = outcome?.error ?? options.select(outcome?.value);
          continue;
        }
        const keys = keysOf[index];
        if (keys === undefined) continue;
        const values = byGroup.get(groupOf[index] as string);
        const found = keys.map((key) => values?.get(key));
        const failure = found.find((value): value is Error => value instanceof Error);
        results[index] = failure ?? options.select(found.length === 1 || !options.returnsList ? found[0] : found.flat());
      } catch (error) {
        results[index] = toErrorValue(error);
      }
    }
    return results;
  };

  return Object.assign(resolve, { resolveMany });
}

/** The many-parents form of a resolver built by `createLoadingResolver`; undefined for any other. */
export function manyResolverOf(resolve: FieldResolver | undefined): ManyResolver | undefined {
  return resolve !== undefined && 'resolveMany' in resolve ? (resolve as LoadingResolver).resolveMany : undefined;
}
