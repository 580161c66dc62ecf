import type { Caller } from '../auth/Caller';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import { cacheKey, SHARED, type CachePartition } from './cacheKey';
import type { CachePolicy } from './CachePolicy';
import type { CacheStore } from './CacheStore';

/** A cached value, boxed so that a cached `null` is told apart from a miss. */
interface Entry {
  readonly value: unknown;
}

/**
 * The upstream cache of one field: lookups and writes in the partition its policy and the caller
 * decide. PRIVATE data is reused only for the same subject; an anonymous caller's PRIVATE data is
 * never cached.
 */
export class UpstreamCache {
  constructor(
    private readonly store: CacheStore,
    private readonly policy: CachePolicy,
    private readonly source: string,
    /** Distinguishes fields whose decoding of the same call differs. */
    private readonly field: string,
    private readonly metrics: GatewayMetrics,
  ) {}

  partitionFor(caller: Caller): CachePartition | undefined {
    if (this.policy.scope === 'PUBLIC') return SHARED;
    return caller.subject === undefined ? undefined : { kind: 'subject', subject: caller.subject };
  }

  keyFor(request: string, partition: CachePartition): string {
    return cacheKey(this.source, `${this.field}\n${request}`, partition);
  }

  /** The cached values of these keys; `undefined` where there is none. */
  async lookup(keys: readonly string[]): Promise<(Entry | undefined)[]> {
    const entries = await Promise.all(keys.map((key) => this.store.get<Entry>(key)));
    for (const entry of entries) this.metrics.cacheLookups.inc({ source: this.source, result: entry ? 'hit' : 'miss' });
    return entries;
  }

  /** Stores without making the answer wait for the cache. */
  save(key: string, value: unknown): void {
    void this.store.set(key, { value } satisfies Entry, this.policy.ttlSeconds);
  }
}
