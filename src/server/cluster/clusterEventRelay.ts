import type { EventRelay } from '../../subscriptions/EventBus';
import { asPrimaryMessage, sendToPrimary } from './messages';

/**
 * Relays subscription events between a cluster's workers through the primary, so that without
 * Redis a webhook received by one worker reaches the subscribers of all (with Redis, its pub/sub
 * does that across instances too, and this relay is not used).
 */
export function clusterEventRelay(): EventRelay {
  return {
    send: (topic, payload) => void sendToPrimary({ type: 'tributary:event', topic, payload }),
    listen: (deliver) => {
      const onMessage = (value: unknown) => {
        const message = asPrimaryMessage(value);
        if (message?.type === 'tributary:event') deliver(message.topic, message.payload);
      };
      process.on('message', onMessage);
      return () => process.off('message', onMessage);
    },
  };
}
