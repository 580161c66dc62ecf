import { SHARED, type CachePartition } from '../../cache/cacheKey';
import type { Caller } from '../../execution/RequestContext';
import { budgetSubject } from './TokenBudget';

/**
 * Who a cached answer or embedding may be served to: everyone, unless its templates read
 * `{claims…}`, in which case only the caller it was made for. Pure.
 */
export function inferenceCachePartition(perCaller: boolean, caller: Caller): CachePartition {
  return perCaller ? { kind: 'subject', subject: budgetSubject(caller) } : SHARED;
}
