import { LRUCache } from 'lru-cache';
import type { CacheStore } from '../../cache/CacheStore';

/**
 * Remembers delivery ids for longer than a timestamp stays acceptable (five minutes either way),
 * so a captured delivery replayed within its window is refused, and one replayed later is refused
 * for its timestamp. Ids are kept in the shared store (Redis when configured, so a replay to
 * another instance is caught too) and in this process, which still catches replays here while
 * the shared store is down.
 */
export class ReplayGuard {
  static readonly REMEMBER_SECONDS = 11 * 60;
  readonly #local = new LRUCache<string, true>({ max: 100_000, ttl: ReplayGuard.REMEMBER_SECONDS * 1000 });

  constructor(private readonly store: CacheStore) {}

  /**
   * True the first time a source's delivery id is seen, false after. Two instances receiving the
   * same delivery at the same instant may both accept it: the store has no atomic set-if-absent.
   */
  async firstSeen(source: string, deliveryId: string): Promise<boolean> {
    const key = `webhook-delivery:${source}:${deliveryId}`;
    if (this.#local.has(key) || (await this.store.get<boolean>(key)) !== undefined) return false;
    this.#local.set(key, true);
    await this.store.set(key, true, ReplayGuard.REMEMBER_SECONDS);
    return true;
  }
}
