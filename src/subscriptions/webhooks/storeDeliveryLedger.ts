import type { CacheStore } from '../../cache/CacheStore';
import type { DeliveryLedger } from './DeliveryLedger';

/**
 * Delivery ids in the shared cache store (Redis when configured, so a replay to another instance
 * is caught). Two instances receiving the same delivery at the same instant may both accept it:
 * the store has no atomic set-if-absent.
 */
export function storeDeliveryLedger(store: CacheStore): DeliveryLedger {
  return {
    async claim(key, rememberSeconds) {
      if ((await store.get<boolean>(key)) !== undefined) return false;
      await store.set(key, true, rememberSeconds);
      return true;
    },
  };
}
