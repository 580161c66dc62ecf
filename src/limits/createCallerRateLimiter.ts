import { createClient } from '@redis/client';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { withinMs } from '../cache/withinMs';
import type { LimitsConfig } from './LimitsConfig';

export interface CallerRateLimiter {
  /** Spends `cost` points of `key`'s window; resolves with the seconds to wait when over the limit. */
  consume(key: string, cost: number): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  close(): Promise<void>;
}

/**
 * Per-caller limits with rate-limiter-flexible: in memory, or in Redis (shared by every instance)
 * with an in-memory insurance limiter that takes over while Redis is unreachable.
 */
export function createCallerRateLimiter(limits: LimitsConfig, redisUrl: string | undefined, keyPrefix: string): CallerRateLimiter {
  const options = { points: limits.rateLimitPoints, duration: limits.rateLimitWindowSeconds, keyPrefix: `${keyPrefix}:rate` };
  const memory = new RateLimiterMemory(options);
  let limiter: RateLimiterAbstract = memory;
  let client: ReturnType<typeof createClient> | undefined;
  if (redisUrl) {
    client = createClient({
      url: redisUrl,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (attempts: number) => Math.min(100 * 2 ** attempts, 2000) },
    });
    client.on('error', () => undefined);
    client.connect().catch(() => undefined);
    limiter = new RateLimiterRedis({
      ...options,
      storeClient: client,
      useRedisPackage: true,
      insuranceLimiter: memory,
      rejectIfRedisNotReady: true,
    });
  }
  return {
    async consume(key, cost) {
      try {
        await limiter.consume(key, cost);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        // Neither Redis nor the insurance limiter could answer: let the request through.
        return { allowed: true };
      }
    },
    async close() {
      if (!client) return;
      if (client.isReady) await withinMs(client.quit(), 500);
      else client.destroy();
    },
  };
}
