import type { DeliveryLedger } from '../../subscriptions/webhooks/DeliveryLedger';
import { asPrimaryMessage, sendToPrimary } from './messages';

/** How long a worker waits for the primary's answer before relying on its own memory alone. */
const ANSWER_TIMEOUT_MS = 2000;

/**
 * Delivery ids kept by the cluster primary, for the workers of one instance without Redis: a
 * webhook delivery replayed to another worker than the one that accepted it is refused too. (With
 * Redis, the store's ledger covers every worker of every instance and this one is not used.)
 * Should the primary not answer, the delivery is accepted on the worker's own memory, as a
 * single process would.
 */
export function clusterDeliveryLedger(): DeliveryLedger {
  let nextId = 0;
  const waiting = new Map<number, (first: boolean) => void>();
  process.on('message', (value: unknown) => {
    const message = asPrimaryMessage(value);
    if (message?.type !== 'tributary:delivery-claimed') return;
    waiting.get(message.id)?.(message.first);
  });
  return {
    claim(key, rememberSeconds) {
      const id = nextId++;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => answer(true), ANSWER_TIMEOUT_MS);
        const answer = (first: boolean): void => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(first);
        };
        waiting.set(id, answer);
        void sendToPrimary({ type: 'tributary:delivery-claim', id, key, rememberSeconds }).then((sent) => {
          if (!sent) answer(true);
        });
      });
    },
  };
}
