import { createKeyv } from '@keyv/redis';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import type { CacheErrorListener, CacheStore } from './CacheStore';
import { withinMs } from './withinMs';

export interface CacheStoreOptions {
  /** `redis://…`; unset keeps everything in this process's memory. */
  readonly redisUrl?: string | undefined;
  /** Prefix of every key, e.g. `tributary:cache`. */
  readonly namespace: string;
  /** Most entries kept in memory (memory backend only). */
  readonly maxEntries?: number;
  /** Longest a Redis command may take before it counts as failed. */
  readonly operationTimeoutMs?: number;
  readonly onError?: CacheErrorListener;
}

/**
 * The one place that knows keyv: an LRU-bounded memory store by default, Redis when a URL is
 * given. Redis commands fail fast while it is unreachable (no offline queue, a short timeout), and
 * the client reconnects in the background, so caching resumes by itself.
 */
export function createCacheStore(options: CacheStoreOptions): CacheStore {
  const onError = options.onError ?? (() => undefined);
  const timeoutMs = options.operationTimeoutMs ?? 250;
  let keyv: Keyv;
  let backend: string;
  if (options.redisUrl) {
    backend = 'redis';
    keyv = createKeyv(
      {
        url: options.redisUrl,
        disableOfflineQueue: true,
        socket: { connectTimeout: 1000, reconnectStrategy: (attempts: number) => Math.min(100 * 2 ** attempts, 2000) },
      },
      { namespace: options.namespace, throwOnConnectError: false, throwOnErrors: true },
    );
  } else {
    backend = 'memory';
    // keyv keeps expiry inside the value for Map-like stores; the LRU bounds memory.
    const lru = new LRUCache<string, object>({ max: options.maxEntries ?? 10_000 });
    const store = {
      get: (key: string) => lru.get(key),
      set: (key: string, value: object) => lru.set(key, value),
      delete: (key: string) => lru.delete(key),
      clear: () => lru.clear(),
      has: (key: string) => lru.has(key),
    };
    // Values are kept as they are, not as JSON text: a hit hands out the stored answer itself, with
    // no `JSON.parse` of it per hit. Upstream answers are read-only once parsed (a coalesced call's
    // answer is already shared by every caller that joined it), so sharing a cached one is the same.
    keyv = new Keyv({ store, namespace: options.namespace, serialize: undefined, deserialize: undefined });
  }
  // After a failure the backend is skipped for a moment, so an outage costs each request nothing
  // rather than a timeout per cache call.
  let skipUntil = 0;
  // Whether the last call to the backend failed: what /dependencies reports, however long ago.
  let down = false;
  const markDown = () => {
    down = true;
    skipUntil = Date.now() + 1000;
  };
  keyv.on('error', (error: unknown) => {
    markDown();
    onError('connect', error);
  });

  async function guarded<T>(operation: 'get' | 'set' | 'delete', action: () => Promise<T>, fallback: T): Promise<T> {
    if (Date.now() < skipUntil) return fallback;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        action(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`cache ${operation} took longer than ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      down = false;
      return result;
    } catch (error) {
      markDown();
      onError(operation, error);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    backend,
    get: <T>(key: string) => guarded('get', async () => (await keyv.get<T>(key)) ?? undefined, undefined as T | undefined),
    set: (key, value, ttlSeconds) => guarded('set', async () => void (await keyv.set(key, value, ttlSeconds * 1000)), undefined),
    delete: (key) => guarded('delete', async () => void (await keyv.delete(key)), undefined),
    healthy: () => !down,
    probe: async () => {
      skipUntil = 0;
      await guarded('get', async (): Promise<unknown> => (await keyv.get('__probe')) as unknown, undefined);
    },
    close: async () => {
      await withinMs(keyv.disconnect(), 500);
      // A Redis client that never connected keeps reconnecting; stop it for good.
      const client = (keyv.store as { client?: { isOpen?: boolean; destroy?: () => void } } | undefined)?.client;
      if (client?.isOpen && typeof client.destroy === 'function') client.destroy();
    },
  };
}
