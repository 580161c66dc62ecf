import type { CompiledSubscription } from './SubscriptionField';

/**
 * A Subscription field whose connector streams it (`@inference(stream: true)`): the connector
 * compiled its call, and the link stage hands over its two resolvers.
 */
export function compileStreamedField(coordinate: string): CompiledSubscription {
  return {
    link: (runtime) => {
      const field = runtime.streamOf(coordinate);
      if (field === undefined) throw new Error(`${coordinate}: its connector did not link a stream`);
      return field;
    },
  };
}
