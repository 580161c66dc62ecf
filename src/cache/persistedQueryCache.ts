import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { CacheStore } from './CacheStore';

/** Registered queries are kept a day after their last registration. */
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/**
 * Apollo's automatic persisted queries, stored in the same backend as the upstream cache (memory,
 * or Redis so every instance knows a query one of them registered).
 */
export function persistedQueryCache(store: CacheStore): KeyValueCache<string> {
  return {
    get: (key) => store.get<string>(key),
    set: (key, value, options) => store.set(key, value, options?.ttl ?? DEFAULT_TTL_SECONDS),
    delete: (key) => store.delete(key),
  };
}
