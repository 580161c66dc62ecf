import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { UpstreamCache } from '../cache/UpstreamCache';
import type { CachePartition } from '../cache/cacheKey';
import { UpstreamTimeoutError } from '../errors/UpstreamTimeoutError';
import type { UpstreamRequest } from '../http/UpstreamRequest';
import { upstreamRequestKey, withDeadline } from '../http/UpstreamRequest';
import type { GraphQLResolveInfo } from 'graphql';
import type { FieldResolver } from './FieldResolver';
import type { TemplateExpression } from '../templates/parseTemplate';
import { readExpression, type TemplateScope } from '../templates/renderTemplate';
import { scopeKey } from '../templates/scopeKey';
import type { RequestContext } from './RequestContext';
import { toErrorValue } from './toErrorValue';
import { forwardTo } from './forwardTo';
import { recordCachedCall } from '../observability/tracing/inUpstreamSpan';
import type { SourceAuth } from '../schema/SourceAuth';

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
  /**
   * Plans the call for one parent (pure; throws BadUserInputError for unusable arguments). `info` is
   * given when the field is resolved per parent, the only way a resolver without `resolveMany` is called.
   */
  plan(scope: TemplateScope, info?: GraphQLResolveInfo): PlannedCall;
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
  readonly select: (data: unknown) => unknown;
  /** Reuses decoded answers (per key, for a batch) when the field's cache policy allows. */
  readonly cache?: UpstreamCache | undefined;
  /** Whether a decoded answer may be reused (e.g. not one that carries upstream errors); every answer when absent. */
  readonly cacheable?: (value: unknown) => boolean;
  /** What the source takes from the caller's request (forwarded headers, the caller's token). */
  readonly forward?: SourceAuth | undefined;
  /** Answers taken from the cache instead of a call (e.g. for `extensions.inference`). */
  readonly onCacheHit?: (context: RequestContext, count: number) => void;
}

/**
 * Resolves one field for many parents at once: one value per parent, aligned, with an `Error` in
 * the slot of each parent whose resolution failed. What the compiled executor calls for a field
 * under a list, instead of one resolver call (and several promises) per parent.
 */
export type ManyResolver = (parents: readonly unknown[], args: Record<string, unknown>, context: RequestContext) => Promise<unknown[]>;

/**
 * One parent's share of a `resolveMany`: a single load (`load`: its index among the request's loads,
 * -1 once `result` is set), or some keys of a batch; `result` once settled.
 */
type Use =
  | { readonly kind: 'single'; load: number; result: unknown }
  | { readonly kind: 'batch'; readonly group: BatchGroup; readonly keys: readonly string[]; result: unknown };

/** The parents' keys of one batched call, and its answers by key once loaded. */
interface BatchGroup {
  readonly call: PlannedCall;
  readonly keys: Set<string>;
  values: Map<string, unknown> | undefined;
}

/**
 * A loading resolver: per parent for graphql-js, or for every parent of a list at once; `load`
 * loads a call planned elsewhere (e.g. texts a `@similarity` field embeds) through the same loaders.
 */
export type LoadingResolver = FieldResolver & {
  readonly resolveMany: ManyResolver;
  readonly load: (call: PlannedCall, context: RequestContext) => unknown;
};

/**
 * A resolver whose every upstream call goes through a per-request DataLoader. A batched field
 * turns N parents into one call per `maxBatchSize` keys; any other field makes at most one call
 * per distinct request — except a non-idempotent call, which is made once per resolution and
 * never shared, even within a request.
 */
export function createLoadingResolver(options: LoadingResolverOptions): LoadingResolver {
  const { coordinate, batch, cache } = options;

  /**
   * A field whose call reads no template value (a fixed path, query and headers) makes the same
   * call every time: it is planned once, and its key computed once, for every request.
   */
  const fixedCall = options.reads !== undefined && options.reads.length === 0;
  let fixed: { readonly call: PlannedCall; readonly key: string } | undefined;
  const plan = (scope: TemplateScope, info?: GraphQLResolveInfo): PlannedCall => {
    if (!fixedCall) return options.plan(scope, info);
    if (fixed === undefined) {
      const call = options.plan(scope, info);
      fixed = { call, key: upstreamRequestKey(call.request) };
    }
    return fixed.call;
  };
  /**
   * Plans shared by every request, by the values they read (a field planned from the same values
   * plans the same call: `reads` is all `plan` reads), and the keys of those calls: a field that
   * calls `/users/{parent.userId}` for the same users request after request builds each call,
   * and its key, once instead of per request and parent. Bounded; a plan that throws is not kept.
   */
  const sharedPlans =
    options.reads !== undefined && options.idempotent && !fixedCall
      ? new LRUCache<NonNullable<unknown>, PlannedCall>({ max: SHARED_PLANS_PER_FIELD })
      : undefined;
  const sharedKeys = new WeakMap<UpstreamRequest, string>();
  const planShared = (memoKey: unknown, scope: TemplateScope): PlannedCall => {
    if (sharedPlans === undefined || memoKey === NO_MEMO || memoKey === undefined || memoKey === null) return plan(scope);
    let call = sharedPlans.get(memoKey);
    if (call === undefined) {
      call = plan(scope);
      sharedPlans.set(memoKey, call);
      sharedKeys.set(call.request, upstreamRequestKey(call.request));
    }
    return call;
  };
  const keyOf = (request: UpstreamRequest): string =>
    request === fixed?.call.request ? fixed.key : (sharedKeys.get(request) ?? upstreamRequestKey(request));

  /** Every call ends by the request's deadline, retries included: its own timeout shrinks to what is left. */
  const send = (request: UpstreamRequest, context: RequestContext): Promise<unknown> => {
    const remainingMs = context.deadline - Date.now();
    if (remainingMs <= 0) return Promise.reject(new UpstreamTimeoutError(request.source, 0, { extensions: { deadline: 'request' } }));
    return options.fetch(withDeadline(request, context.deadline, remainingMs), context);
  };

  // Not `async`: without a cache, a call is the transport's promise alone.
  const fetchOne = (planned: UpstreamRequest, context: RequestContext): Promise<unknown> => {
    try {
      const request = forwardTo(planned, options.forward, context);
      const partition = cache?.partitionFor(context.caller);
      return cache && partition ? fetchCached(request, cache, partition, context) : send(request, context);
    } catch (error) {
      return Promise.reject(toErrorValue(error));
    }
  };

  const fetchCached = async (
    request: UpstreamRequest,
    cache: UpstreamCache,
    partition: CachePartition,
    context: RequestContext,
  ): Promise<unknown> => {
    const key = cache.keyFor(upstreamRequestKey(request), partition);
    const [hit] = await cache.lookup([key]);
    if (hit) {
      recordCachedCall(request);
      options.onCacheHit?.(context, 1);
      return hit.value;
    }
    const value = await send(request, context);
    if (options.cacheable?.(value) ?? true) cache.save(key, value);
    return value;
  };

  /** A batch asks upstream only for the keys the cache does not have, and caches each answer by key. */
  const fetchBatch = async (
    planned: PlannedCall,
    keys: readonly string[],
    batching: NonNullable<typeof batch>,
    context: RequestContext,
  ) => {
    // Not a spread: V8 copies a spread that overrides a property on a slow path (see copyOf).
    const call: PlannedCall = {
      request: forwardTo(planned.request, options.forward, context),
      batchKeys: planned.batchKeys,
      batchPayload: planned.batchPayload,
    };
    const partition = cache?.partitionFor(context.caller);
    if (!cache || !partition) return batching.align(await send(batching.withKeys(call, keys), context), keys);
    const group = upstreamRequestKey(call.request);
    const cacheKeys = keys.map((key) => cache.keyFor(`${group}\n${key}`, partition));
    const hits = await cache.lookup(cacheKeys);
    const missing = keys.filter((_, index) => hits[index] === undefined);
    if (missing.length < keys.length) options.onCacheHit?.(context, keys.length - missing.length);
    const fetched = missing.length > 0 ? batching.align(await send(batching.withKeys(call, missing), context), missing) : [];
    const byKey = new Map(missing.map((key, index) => [key, fetched[index]]));
    return keys.map((key, index) => {
      const hit = hits[index];
      if (hit) return hit.value;
      const value = byKey.get(key);
      if (options.cacheable?.(value) ?? true) cache.save(cacheKeys[index] as string, value ?? null);
      return value;
    });
  };

  const singleLoader = (context: RequestContext) =>
    context.loaders.get(
      coordinate,
      () =>
        new DataLoader<UpstreamRequest, unknown, string>(
          // Each request is its own call; loading them as one batch per tick only spares DataLoader a
          // batch and a scheduled dispatch per load.
          (requests) => Promise.all(requests.map((request) => fetchOne(request, context).catch(toErrorValue))),
          { cache: options.idempotent, cacheKeyFn: keyOf },
        ),
    );
  const batchLoader = (context: RequestContext, call: PlannedCall, batching: NonNullable<typeof batch>) =>
    context.loaders.get(
      `${coordinate}\n${keyOf(call.request)}`,
      () => new DataLoader<string, unknown>((keys) => fetchBatch(call, keys, batching, context), { maxBatchSize: options.maxBatchSize }),
    );

  // Not `async`: on the hot path each resolution is one loader promise and one `then`.
  const resolve: FieldResolver = (parent, args, context, info) =>
    load(plan({ args, parent, claims: context.caller.claims }, info), context);

  const load = (call: PlannedCall, context: RequestContext): unknown => {
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
    const claims = context.caller.claims;
    const slots = new Array<Error | Use>(parents.length);
    // Sharing between parents needs two of them: a root field's one parent makes none of these maps.
    const several = parents.length > 1;
    const loads = several ? new Map<string, Use>() : undefined;
    let groups: Map<string, BatchGroup> | undefined;
    // Parents that read the same template values share one plan, one load and one selected value.
    const { reads } = options;
    const memoized = reads !== undefined && options.idempotent;
    const planned = memoized && several ? new Map<unknown, Error | Use>() : undefined;
    // Read for the memo key only, one parent after the other; `plan` gets a scope of its own.
    const reading: TemplateScope = { args, parent: undefined, claims };
    // Each load settles to its value or its error, in order: no callback per load.
    const singles: Promise<unknown>[] = [];
    const waits: Promise<void>[] = [];
    let loader: DataLoader<UpstreamRequest, unknown, string> | undefined;
    for (let index = 0; index < parents.length; index++) {
      const parent = parents[index];
      let memoKey: unknown = NO_MEMO;
      if (memoized) {
        reading.parent = parent;
        memoKey = memoKeyOf(reads, reading);
        const known = memoKey === NO_MEMO ? undefined : planned?.get(memoKey);
        if (known !== undefined) {
          slots[index] = known;
          continue;
        }
      }
      let slot: Error | Use;
      try {
        slot = use(planShared(memoKey, { args, parent, claims }));
      } catch (error) {
        slot = toErrorValue(error);
      }
      slots[index] = slot;
      if (memoKey !== NO_MEMO) planned?.set(memoKey, slot);
    }

    function use(call: PlannedCall): Use {
      const { batchKeys } = call;
      if (batchKeys === undefined || batch === undefined) {
        const key = options.idempotent ? keyOf(call.request) : undefined;
        const shared = key === undefined ? undefined : loads?.get(key);
        if (shared) return shared;
        const single: Use = { kind: 'single', load: singles.length, result: undefined };
        singles.push((loader ??= singleLoader(context)).load(call.request).catch(toErrorValue));
        if (key !== undefined) loads?.set(key, single);
        return single;
      }
      if (batchKeys.length === 0) return { kind: 'single', load: -1, result: options.returnsList ? [] : null };
      const groupKey = keyOf(call.request);
      groups ??= new Map();
      let group = groups.get(groupKey);
      if (group === undefined) groups.set(groupKey, (group = { call, keys: new Set(), values: undefined }));
      for (const key of batchKeys) group.keys.add(key);
      return { kind: 'batch', group, keys: batchKeys, result: undefined };
    }

    for (const group of groups?.values() ?? []) {
      const distinct = [...group.keys];
      waits.push(
        batchLoader(context, group.call, batch as NonNullable<typeof batch>)
          .loadMany(distinct)
          .then((values) => void (group.values = new Map(distinct.map((key, index) => [key, values[index]])))),
      );
    }
    // A loader's answer is never an Error (DataLoader rejects with those): an Error is a failed load.
    // (Neither settles rejected: a load settles to its error, a batch to its answers by key.)
    const loaded = singles.length === 1 ? [await singles[0]] : await Promise.all(singles);
    if (waits.length > 0) await Promise.all(waits);
    const results: unknown[] = new Array(parents.length);
    for (let index = 0; index < parents.length; index++) {
      const slot = slots[index] as Error | Use;
      if (slot instanceof Error) {
        results[index] = slot;
        continue;
      }
      if (slot.kind === 'single') {
        if (slot.load >= 0) {
          const value = loaded[slot.load];
          slot.result = value instanceof Error ? value : selectSafely(value);
          slot.load = -1;
        }
        results[index] = slot.result;
        continue;
      }
      if (slot.result === undefined) {
        const found = slot.keys.map((key) => slot.group.values?.get(key));
        const failure = found.find((value): value is Error => value instanceof Error);
        slot.result = failure ?? selectSafely(found.length === 1 || !options.returnsList ? found[0] : found.flat());
      }
      results[index] = slot.result;
    }
    return results;
  };

  const selectSafely = (data: unknown): unknown => {
    try {
      return options.select(data);
    } catch (error) {
      return toErrorValue(error);
    }
  };

  return Object.assign(resolve, { resolveMany, load });
}

/** How many plans of one field are shared across requests (the most recently used). */
const SHARED_PLANS_PER_FIELD = 512;

/** No memo key: the parent's plan is its own. */
const NO_MEMO: unique symbol = Symbol('no memo');

/**
 * Equal for two scopes exactly when they read the same values (see scopeKey). One expression that
 * reads a primitive is its own key: a Map tells `1` from `"1"`, and no string is built per parent.
 */
function memoKeyOf(reads: readonly TemplateExpression[], scope: TemplateScope): unknown {
  if (reads.length === 1) {
    const value = readExpression(reads[0] as TemplateExpression, scope);
    switch (typeof value) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'bigint':
      case 'undefined':
        return value;
      default:
        return value === null ? null : NO_MEMO;
    }
  }
  return scopeKey(reads, scope) ?? NO_MEMO;
}

/** The many-parents form of a resolver built by `createLoadingResolver`; undefined for any other. */
export function manyResolverOf(resolve: FieldResolver | undefined): ManyResolver | undefined {
  return resolve !== undefined && 'resolveMany' in resolve ? (resolve as LoadingResolver).resolveMany : undefined;
}
