import { LRUCache } from 'lru-cache';
import type { DeliveryLedger } from './DeliveryLedger';

/**
 * Remembers delivery ids for longer than a timestamp stays acceptable (five minutes either way),
 * so a captured delivery replayed within its window is refused, and one replayed later is refused
 * for its timestamp. Ids are kept in the ledger every instance or worker shares (see
 * `DeliveryLedger`) and in this process, which still catches replays here while the ledger is
 * unreachable.
 */
export class ReplayGuard {
  static readonly REMEMBER_SECONDS = 11 * 60;
  /** Ids one process remembers at most (the oldest are forgotten first). */
  static readonly MAX_REMEMBERED = 100_000;
  readonly #local = new LRUCache<string, true>({ max: ReplayGuard.MAX_REMEMBERED, ttl: ReplayGuard.REMEMBER_SECONDS * 1000 });

  constructor(private readonly ledger: DeliveryLedger) {}

  /** True the first time a source's delivery id is seen, false after. */
  async firstSeen(source: string, deliveryId: string): Promise<boolean> {
    const key = `webhook-delivery:${source}:${deliveryId}`;
    if (this.#local.has(key)) return false;
    this.#local.set(key, true);
    return this.ledger.claim(key, ReplayGuard.REMEMBER_SECONDS);
  }
}
